"""Telegram channel: Update -> Incoming, Reply -> Bot API calls. Translation and delivery only."""

from __future__ import annotations

import asyncio
import html
import logging
import warnings
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Final, Literal

from telegram import Bot, InputFile, Message, Update
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.channels.chunks import split_text
from bot.channels.telegram.request import AiohttpRequest
from bot.delivery.results import Failed, Pace, Result, Sent, Target, Unreachable, no_pace
from bot.delivery.results import RetryAfter as Later
from handlers.types import Attachment, Identity, Incoming, Reply

log = logging.getLogger(__name__)
Dispatch = Callable[[Incoming], Awaitable[list[Reply]]]
Answer = Callable[[Any, Target, Sequence[Reply]], Awaitable[Result]]
TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096, counted after entity parsing
KEYBOARDS_KEPT = 10_000  # people whose last answer's buttons are remembered, oldest forgotten


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
    elif message is not None and chat.type == "private" and (message.document or message.photo):
        text, payload = message.caption or "", None  # the file itself is fetched by the channel
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


def to_html(text: str, strong: Sequence[str] = ()) -> str:
    """People's text shown as typed (escaped, never markup), with the reply's own line
    openings in bold."""
    if not strong:
        return html.escape(text, quote=False)
    lines = []
    for line in text.split("\n"):
        bullet = "• " if line.startswith("• ") else ""
        rest = line.removeprefix(bullet)
        opening = next((s for s in strong if s and rest.startswith(s)), None)
        if opening is None:
            lines.append(html.escape(line, quote=False))
            continue
        bold = html.escape(opening, quote=False)
        lines.append(f"{bullet}<b>{bold}</b>{html.escape(rest[len(opening) :], quote=False)}")
    return "\n".join(lines)


def to_markup(reply: Reply) -> dict[str, Any] | None:
    """The reply's buttons as an inline keyboard, one button a row (Bot API JSON)."""
    if not reply.buttons:
        return None
    return {
        "inline_keyboard": [[{"text": b.label, "callback_data": b.payload}] for b in reply.buttons]
    }


class TelegramChannel:
    """Updates in, replies out. `send` makes one Bot API call per platform message and reports
    what happened: a 429 is RetryAfter, 403 or a vanished chat Unreachable, 5xx and network
    trouble a transient Failed. It never waits or retries: the delivery engine does."""

    name: Final = "telegram"

    def __init__(
        self,
        bot: Bot,
        api: AiohttpRequest,
        dispatch: Dispatch,
        now: Callable[[], datetime],
        answer: Answer,
    ) -> None:
        self.bot, self._dispatch, self._now, self._answer = bot, dispatch, now, answer
        self._api, self._url = api, bot.base_url
        self._background: set[asyncio.Task[Any]] = set()
        self._keyboards: OrderedDict[tuple[str, str], str] = OrderedDict()

    @property
    def username(self) -> str:
        return self.bot.username

    async def on_update(self, update: Update) -> None:
        """Handle one update; a broken one is logged and skipped, never raised."""
        try:
            incoming = to_incoming(update, self._now(), self.username)
            query = update.callback_query
            if query is not None:  # stop the button's spinner without delaying the answer
                self._spawn(query.answer())
            if incoming is None:
                return
            if update.message is not None and (update.message.document or update.message.photo):
                incoming = replace(incoming, attachments=(await self._fetch(update.message),))
            replies = await self._dispatch(incoming)
            pressed = query.message.message_id if query and query.message else None
            target = Target(
                "telegram",
                incoming.chat_id,
                incoming.identity.user_id,
                pressed=str(pressed) if pressed is not None else None,
                last_inbound_at=incoming.received_at,
            )
            result = await self._answer(self, target, replies)
            if replies and isinstance(result, Sent):
                self._spend(target, replies, result)
        except Exception:
            log.exception("telegram update %s could not be handled", update.update_id)

    def _spend(self, target: Target, replies: Sequence[Reply], result: Sent) -> None:
        """Only a person's latest answer keeps its buttons: once they press a button or write
        again, the buttons of the message before lose their keyboard (an answered question
        shows no buttons to press by mistake). A message the answer edited in place keeps its
        new buttons. Forgotten after a restart: an old button is then still handled safely."""
        key = (target.chat_id, target.user_id)
        spent = {self._keyboards.pop(key, None), target.pressed}
        last = replies[-1]
        if last.buttons and not last.attachments and result.message_ids:
            kept = result.message_ids[-1]
            spent.discard(kept)
            self._keyboards[key] = kept
            if len(self._keyboards) > KEYBOARDS_KEPT:
                self._keyboards.popitem(last=False)
        for message_id in spent - {None}:
            assert message_id is not None
            self._spawn(
                self._call(
                    "editMessageReplyMarkup",
                    chat_id=int(target.chat_id),
                    message_id=int(message_id),
                )
            )

    async def _fetch(self, message: Message) -> Attachment:
        """The file a person sent; empty when Telegram will not hand it over (over 20 MB)."""
        if message.photo:
            kind: Literal["image", "document"] = "image"
            file_id, name = message.photo[-1].file_id, f"photo-{message.message_id}.jpg"
        else:
            assert message.document is not None
            kind, file_id = "document", message.document.file_id
            name = message.document.file_name or f"file-{message.message_id}"
        try:
            file = await self.bot.get_file(file_id)
            data = bytes(await file.download_as_bytearray())
        except TelegramError as error:
            log.info("telegram file %s not fetched: %s", file_id, error.message)
            data = b""
        return Attachment(kind, name, data)

    async def send(
        self, target: Target, replies: Sequence[Reply], *, pace: Pace = no_pace, skip: int = 0
    ) -> Result:
        ids: list[str] = []
        for n, call in enumerate(self._calls(target, replies)):
            if n < skip:
                continue
            await pace()
            try:
                message = await call()
            except RetryAfter as error:
                return Later(retry_seconds(error), done=n)
            except Forbidden as error:
                return Unreachable(error.message)
            except BadRequest as error:
                if "not modified" in error.message:  # pressed twice: the text is already right
                    continue
                if "chat not found" in error.message.lower():
                    return Unreachable(error.message)
                return Failed(error.message, permanent=True, done=n)
            except NetworkError as error:  # 5xx, timeouts, connection errors
                return Failed(error.message, permanent=False, done=n)
            except TelegramError as error:
                return Failed(error.message, permanent=True, done=n)
            if isinstance(message, Message):
                ids.append(str(message.message_id))
            elif isinstance(message, dict) and "message_id" in message:
                ids.append(str(message["message_id"]))
        return Sent(tuple(ids))

    def _calls(
        self, target: Target, replies: Sequence[Reply]
    ) -> Iterator[Callable[[], Awaitable[Message | dict[str, Any] | bool]]]:
        """One callable per platform message, in order (so a retry can skip those sent)."""
        chat_id, pressed = int(target.chat_id), target.pressed
        for reply in replies:
            if reply.edit and pressed is not None and len(reply.text) <= TEXT_LIMIT:
                yield partial(self._edit, chat_id, int(pressed), reply)
                pressed = None
                continue
            pieces = split_text(reply.text, TEXT_LIMIT) if reply.text else []
            for n, piece in enumerate(pieces, start=1):
                markup = to_markup(reply) if n == len(pieces) else None
                yield partial(self._send_text, chat_id, to_html(piece, reply.strong), markup)
            for attachment in reply.attachments:
                yield partial(self._upload, chat_id, attachment)

    async def _send_text(
        self, chat_id: int, text: str, markup: dict[str, Any] | None
    ) -> dict[str, Any]:
        return await self._call(  # type: ignore[no-any-return]
            "sendMessage",
            chat_id=chat_id,
            text=text,
            parse_mode=ParseMode.HTML.value,
            reply_markup=markup,
        )

    async def _edit(self, chat_id: int, message_id: int, reply: Reply) -> dict[str, Any] | bool:
        return await self._call(  # type: ignore[no-any-return]
            "editMessageText",
            chat_id=chat_id,
            message_id=message_id,
            text=to_html(reply.text, reply.strong),
            parse_mode=ParseMode.HTML.value,
            reply_markup=to_markup(reply),
        )

    async def _call(self, method: str, **fields: Any) -> Any:
        """The bot's own messages: the Bot API's JSON answer, without PTB's objects."""
        return await self._api.call(f"{self._url}/{method}", fields)

    async def _upload(self, chat_id: int, attachment: Attachment) -> Message:
        file = InputFile(attachment.data, filename=attachment.name)
        if attachment.kind == "image":
            return await self.bot.send_photo(chat_id, file)
        return await self.bot.send_document(chat_id, file)

    def _spawn(self, work: Awaitable[Any]) -> None:
        async def quietly() -> None:
            try:
                await work
            except TelegramError as error:  # a spinner left turning is no reason to fail
                log.info("telegram callback answer failed: %s", error.message)

        task = asyncio.ensure_future(quietly())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self) -> None:
        """Wait for spinner answers still under way (at shutdown)."""
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
