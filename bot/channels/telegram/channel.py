"""Telegram channel: Update -> Incoming, Reply -> Bot API calls. Translation and delivery only."""

from __future__ import annotations

import asyncio
import html
import logging
import warnings
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.channels.chunks import split_text
from bot.tasks import backoff
from handlers.types import Attachment, Identity, Incoming, Reply

log = logging.getLogger(__name__)
T = TypeVar("T")
Dispatch = Callable[[Incoming], Awaitable[list[Reply]]]
Unreachable = Callable[[Identity, str], Awaitable[None]]
TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096, counted after entity parsing
TRIES = 5


def to_incoming(update: Update, received_at: datetime, username: str) -> Incoming | None:
    """The core view of one update; None for what the bot ignores (edits, joins, others' bots)."""
    user, chat = update.effective_user, update.effective_chat
    query, message = update.callback_query, update.message
    if user is None or chat is None or user.is_bot:
        return None
    if query is not None:
        if not query.data:
            return None
        text, payload = "", query.data
    elif message is not None and message.text is not None:
        text, payload = message.text, None
        if chat.type != "private" and not addressed_to_bot(text, username):
            return None
    else:
        return None
    return Incoming(
        identity=Identity("telegram", str(user.id)),
        chat_id=str(chat.id),
        event_id=str(update.update_id),
        received_at=received_at,
        text=text,
        payload=payload,
        locale_hint=user.language_code,
        display_name=user.full_name,
    )


def addressed_to_bot(text: str, username: str) -> bool:
    """In a group: a command, bare or with this bot's @name (not another bot's)."""
    if not text.startswith("/"):
        return False
    _, at, mention = text.split(maxsplit=1)[0].partition("@")
    return not at or mention.lower() == username.lower()


def retry_seconds(error: RetryAfter) -> float:
    """RetryAfter.retry_after is an int in PTB 22 (with a warning) and a timedelta later."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def to_markup(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.payload)] for b in reply.buttons]
    )


class TelegramChannel:
    """Sends replies with retries: 429 waits `retry_after`, 5xx and network errors back off, 403
    marks the person unreachable, a refused request is logged and skipped."""

    def __init__(
        self,
        bot: Bot,
        dispatch: Dispatch,
        now: Callable[[], datetime],
        *,
        on_unreachable: Unreachable,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.bot, self._dispatch, self._now = bot, dispatch, now
        self._on_unreachable, self._sleep = on_unreachable, sleep
        self._background: set[asyncio.Task[Any]] = set()

    @property
    def username(self) -> str:
        return self.bot.username

    async def on_update(self, update: Update) -> None:
        """Handle one update; a broken one is logged and skipped, never raised."""
        try:
            incoming = to_incoming(update, self._now(), self.username)
            query = update.callback_query
            if query is not None:  # stop the button's spinner without delaying the answer
                self._spawn(self._call(query.answer, None))
            if incoming is None:
                return
            replies = await self._dispatch(incoming)
            pressed = query.message.message_id if query and query.message else None
            await self.deliver(incoming.identity, int(incoming.chat_id), replies, pressed)
        except Exception:
            log.exception("telegram update %s could not be handled", update.update_id)

    async def send(self, identity: Identity, replies: list[Reply]) -> bool:
        """A message nobody asked for (reminder, broadcast): True when all of it was delivered."""
        return await self.deliver(identity, int(identity.user_id), replies, None)

    async def deliver(
        self, identity: Identity, chat_id: int, replies: list[Reply], pressed: int | None
    ) -> bool:
        delivered = True
        for reply in replies:
            if reply.edit and pressed is not None and len(reply.text) <= TEXT_LIMIT:
                delivered &= await self._edit(identity, chat_id, pressed, reply)
                pressed = None
                continue
            pieces = split_text(reply.text, TEXT_LIMIT) if reply.text else []
            for n, piece in enumerate(pieces, start=1):
                markup = to_markup(reply) if n == len(pieces) else None
                sent = await self._call(partial(self._send_text, chat_id, piece, markup), identity)
                delivered &= sent is not None
            for attachment in reply.attachments:
                sent = await self._call(partial(self._upload, chat_id, attachment), identity)
                delivered &= sent is not None
        return delivered

    async def _send_text(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> Message:
        escaped = html.escape(
            text, quote=False
        )  # people's text is shown as typed, never as markup
        return await self.bot.send_message(
            chat_id, escaped, parse_mode=ParseMode.HTML, reply_markup=markup
        )

    async def _edit(self, identity: Identity, chat_id: int, message_id: int, reply: Reply) -> bool:
        async def edit() -> Message | bool:
            try:
                return await self.bot.edit_message_text(
                    html.escape(reply.text, quote=False),
                    chat_id=chat_id,
                    message_id=message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=to_markup(reply),
                )
            except BadRequest as error:
                if "not modified" in error.message:  # pressed twice: the text is already right
                    return True
                raise

        return await self._call(edit, identity) is not None

    async def _upload(self, chat_id: int, attachment: Attachment) -> Message:
        file = InputFile(attachment.data, filename=attachment.name)
        if attachment.kind == "image":
            return await self.bot.send_photo(chat_id, file)
        return await self.bot.send_document(chat_id, file)

    async def _call(
        self, request: Callable[[], Awaitable[T]], identity: Identity | None
    ) -> T | None:
        for attempt in range(TRIES):
            try:
                return await request()
            except RetryAfter as error:
                await self._sleep(retry_seconds(error))
            except Forbidden as error:
                if identity is not None:
                    await self._on_unreachable(identity, error.message)
                return None
            except BadRequest as error:
                log.warning("telegram refused a request: %s", error.message)
                return None
            except NetworkError as error:  # 5xx, timeouts, connection errors
                log.info("telegram network error (try %d): %s", attempt + 1, error.message)
                await self._sleep(backoff(attempt))
            except TelegramError as error:
                log.error("telegram error: %s", error.message)
                return None
        log.error("telegram request gave up after %d tries", TRIES)
        return None

    def _spawn(self, work: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self) -> None:
        """Wait for spinner answers still under way (at shutdown)."""
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
