"""A fake Telegram Bot API on 127.0.0.1: long polling or webhooks, users, recorded sends, faults.

It follows ../shared/reference/telegram.md: form-encoded requests with JSON-encoded nested values
(multipart for uploads), `ok:false` errors with the HTTP status, 429 with
`parameters.retry_after`, message dates in seconds, and getUpdates that blocks for `timeout`.
Sending limits (fakes.telegram_limits) are off until `enforce_limits` turns them on.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer
from fakes import telegram_html
from fakes.telegram_files import TelegramFiles
from fakes.telegram_html import Refused
from fakes.telegram_limits import SENDS, ChatId, SendLimits


@dataclass
class Fault:
    status: int
    description: str
    retry_after: int | None = None
    stall: float = 0.0


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


class FakeTelegram(TelegramFiles):
    def __init__(self, token: str = "123456:TEST-token", username: str = "ThiDuaTestBot") -> None:
        self.token, self.username = token, username
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.webhook: tuple[str, str | None] | None = None
        self.webhook_answers: list[int] = []
        self.faults: dict[str, list[Fault]] = {}
        self.chat_faults: dict[ChatId, Fault] = {}  # every call naming the chat gets this
        self.limits: SendLimits | None = None
        self.rejected_429 = 0  # sends refused by the limits (not those from `fail`)
        self.refusals: list[tuple[str, ChatId]] = []  # (method, chat_id) of each of them
        self._messages: dict[int, dict[str, Any]] = {}
        self._by_chat: dict[int, list[int]] = {}
        self.confirmed = 0  # the highest update id the bot has confirmed by polling past it
        self.on_output: Callable[[int], None] | None = None  # told of each send or edit, by chat
        self._closing = False
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._new_update = asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        self.add_file_routes(app)
        self.server = TestServer(app, host="127.0.0.1", port=0)

    async def start(self) -> None:
        await self.server.start_server()

    async def stop(self) -> None:
        self._closing = True
        self._new_update.set()  # release a waiting getUpdates
        await self.server.close()

    @property
    def api_url(self) -> str:
        """What TELEGRAM_API_BASE_URL is set to; the client adds /bot<token>/<method>."""
        return f"http://127.0.0.1:{self.server.port}"

    # A test acts as a person.

    async def user_says(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        language: str = "vi",
        wait: bool = True,
    ) -> dict[str, Any]:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id or user_id, "type": chat_type},
            "from": self._user(user_id, language),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return await self._deliver({"message": message}, wait)

    async def user_presses(
        self, user_id: int, data: str, *, message_id: int | None = None, language: str = "vi"
    ) -> dict[str, Any]:
        """Press a button of the bot's last message with buttons in this user's chat."""
        shown = self.last_with_buttons(user_id) if message_id is None else self.message(message_id)
        query = {
            "id": f"q{next(self._message_ids)}",
            "from": self._user(user_id, language),
            "chat_instance": f"ci{user_id}",
            "data": data,
            "message": shown,
        }
        return await self._deliver({"callback_query": query})

    async def redeliver(self, update: dict[str, Any]) -> int:
        """Send an update again, as Telegram does when a webhook answer did not arrive."""
        return await self._post_webhook(update)

    # What the bot did.

    def sent(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in a chat as they stand now (edits applied)."""
        return [self._messages[n] for n in self._by_chat.get(chat_id, [])]

    def texts(self, chat_id: int) -> list[str]:
        return [m.get("text") or m.get("caption") or "" for m in self.sent(chat_id)]

    def last_with_buttons(self, chat_id: int) -> dict[str, Any]:
        shown = [m for m in self.sent(chat_id) if m.get("reply_markup")]
        assert shown, f"no message with buttons in chat {chat_id}"
        return shown[-1]

    def message(self, message_id: int) -> dict[str, Any]:
        return self._messages[message_id]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def fail(
        self,
        method: str,
        status: int,
        *,
        times: int = 1,
        retry_after: int | None = None,
        description: str = "",
        stall: float = 0.0,
    ) -> None:
        """Make the next `times` calls of `method` fail (or stall, then answer normally)."""
        text = description or {
            429: "Too Many Requests: retry after {}",
            403: "Forbidden: bot was blocked by the user",
        }.get(status, "Bad Gateway")
        fault = Fault(status, text.format(retry_after), retry_after, stall)
        self.faults.setdefault(method, []).extend([fault] * times)

    def block(self, chat_id: ChatId, description: str = "") -> None:
        """From now on every call for this chat gets 403, as when the person blocked the bot."""
        text = description or "Forbidden: bot was blocked by the user"
        self.chat_faults[chat_id] = Fault(403, text)

    def forget_chat(self, chat_id: ChatId) -> None:
        """From now on every call for this chat gets 400 "chat not found"."""
        self.chat_faults[chat_id] = Fault(400, "Bad Request: chat not found")

    def unblock(self, chat_id: ChatId) -> None:
        """Undo `block` or `forget_chat`."""
        self.chat_faults.pop(chat_id, None)

    def enforce_limits(self, overall_per_s: int | None = 30, per_chat_per_s: int = 1) -> None:
        """Refuse sends with 429 beyond these counts in any second; None turns limits off.

        The rule is in fakes.telegram_limits.SendLimits. Each call starts with an empty window.
        """
        self.limits = None if overall_per_s is None else SendLimits(overall_per_s, per_chat_per_s)

    async def wait_for(self, chat_id: int, text: str, timeout: float = 5.0) -> str:
        """The first of the bot's messages in the chat containing `text`, once it is there."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for body in self.texts(chat_id):
                if text in body:
                    return body
            await asyncio.sleep(0.01)
        raise AssertionError(f"{text!r} never came; the chat has {self.texts(chat_id)}")

    # The server.

    def _user(self, user_id: int, language: str) -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": f"User {user_id}",
            "language_code": language,
        }

    async def _deliver(self, body: dict[str, Any], wait: bool = True) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **body}
        if self.webhook is not None:
            await self._post_webhook(update)
        else:
            self.updates.append(update)
            self._new_update.set()
            if wait:
                await self.handled(update["update_id"])
        return update

    async def handled(self, update_id: int, timeout: float = 10.0) -> None:
        """Wait until the poller confirms the update, which it does once it has handled it."""
        deadline = time.monotonic() + timeout
        while self.confirmed < update_id:
            assert time.monotonic() < deadline, f"update {update_id} was never confirmed"
            await asyncio.sleep(0.005)

    async def _post_webhook(self, update: dict[str, Any]) -> int:
        assert self.webhook is not None, "no webhook is set"
        url, secret = self.webhook
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        async with (
            aiohttp.ClientSession() as http,
            http.post(url, json=update, headers=headers) as answer,
        ):
            self.webhook_answers.append(answer.status)
            return answer.status

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            return dict(await request.json()), files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = value.file.read()
                params[f"{key}_filename"] = value.filename  # what the upload was called
                continue
            try:
                params[key] = json.loads(value)
            except ValueError:
                params[key] = value
        for key, value in list(params.items()):  # attach://name points at an uploaded part
            if isinstance(value, str) and value.startswith("attach://"):
                files[key] = files.pop(value.removeprefix("attach://"), b"")
        return params, files

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await self._params(request)
        self.calls.append(Call(method, params, files))
        if queue := self.faults.get(method):
            fault = queue.pop(0)
            await asyncio.sleep(fault.stall)
            if fault.status != 200:
                return self._error(fault.status, fault.description, fault.retry_after)
        if method == "getUpdates" and self.webhook is not None:
            return self._error(409, "Conflict: can't use getUpdates while webhook is active")
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._error(404, f"Not Found: method {method} is not faked")
        if (refused := self._refusal(method, params)) is not None:
            return refused
        # The handler stores an admitted send without awaiting anything, so nothing comes between.
        try:
            result = await handler(params)
        except Refused as refusal:
            return self._error(400, str(refusal))
        return web.json_response({"ok": True, "result": result})

    def _refusal(self, method: str, params: dict[str, Any]) -> web.Response | None:
        """A blocked or forgotten chat's error, or 429 beyond the limits; None admits the call."""
        chat = self._chat(params)
        if chat is None:
            return None
        if (fault := self.chat_faults.get(chat)) is not None:
            return self._error(fault.status, fault.description)
        if method not in SENDS or self.limits is None:
            return None
        if (wait := self.limits.admit(chat, time.monotonic())) is None:
            return None
        self.rejected_429 += 1
        self.refusals.append((method, chat))
        return self._error(429, f"Too Many Requests: retry after {wait}", wait)

    @staticmethod
    def _chat(params: dict[str, Any]) -> ChatId | None:
        """The chat a call is for, as an int when it is numeric (JSON bodies may carry strings)."""
        chat = params.get("chat_id")
        if isinstance(chat, str) and chat.removeprefix("-").isdigit():
            return int(chat)
        return chat if isinstance(chat, int | str) else None

    def _error(self, status: int, text: str, retry_after: int | None = None) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": text}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=status)

    async def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": 777,
            "is_bot": True,
            "first_name": "Thi đua bot",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self.confirmed = max(self.confirmed, offset - 1)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]  # confirmed
        if not self.updates and not self._closing:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), float(params.get("timeout") or 0))
            except TimeoutError:
                return []
        return self.updates[: int(params.get("limit") or 100)]

    async def _m_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = (str(params["url"]), params.get("secret_token"))
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._store(params, **telegram_html.message_text(params))

    async def _m_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._store(
            params,
            caption=params.get("caption", ""),
            photo=[{"file_id": "p1", "file_unique_id": "p1", "width": 1, "height": 1}],
        )

    async def _m_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._store(
            params,
            caption=params.get("caption", ""),
            document={"file_id": "d1", "file_unique_id": "d1"},
        )

    async def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._messages[int(params["message_id"])]
        message.pop("entities", None)
        message.update(telegram_html.message_text(params))
        message["reply_markup"] = params.get("reply_markup")
        message["edit_date"] = int(time.time())
        if self.on_output is not None:
            self.on_output(message["chat"]["id"])
        return message

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._messages.get(int(params["message_id"]))
        if message is None or message["chat"]["id"] != int(params["chat_id"]):
            raise Refused("Bad Request: message to edit not found")
        markup = params.get("reply_markup") or None
        if markup == message.get("reply_markup"):
            raise Refused("Bad Request: message is not modified")
        message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return message

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    async def _m_setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    async def _m_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _store(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        message_id = next(self._message_ids)
        chat_id = int(params["chat_id"])
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": {"id": 777, "is_bot": True, "first_name": "Thi đua bot"},
            "parse_mode": params.get("parse_mode"),
            "reply_markup": params.get("reply_markup"),
            **content,
        }
        self._messages[message_id] = message
        self._by_chat.setdefault(chat_id, []).append(message_id)
        if self.on_output is not None:
            self.on_output(chat_id)
        return message
