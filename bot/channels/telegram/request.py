"""python-telegram-bot's network seam on aiohttp: the Bot API's calls through one client session.

PTB calls `do_request` for every Bot API method and does the rest itself (building the
parameters, reading the answer, raising its errors). aiohttp's client, already the bot's web
server, costs about half of httpx's per call on this path, and the bot makes two or three calls
per message it answers.

`call` is the lean path for the bot's own messages (send, edit, drop a keyboard): their answer
is needed only for its message_id, and building PTB's Message from it cost as much as the call
itself. Its errors are PTB's, raised as PTB raises them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

import aiohttp
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import BaseRequest, RequestData

Timeouts = tuple[float | None, float | None, float | None, float | None]
JSON_TYPE = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """One aiohttp session with at most `connection_pool_size` connections to the Bot API.

    Timeouts keep PTB's meaning: `connect` for opening a connection, `read` for the answer
    (a long poll adds its own wait to it), `pool` for waiting for a free connection and `write`
    for sending the request (a file upload gets `media_write_timeout` unless told otherwise).
    """

    __slots__ = ("_defaults", "_limit", "_media_write", "_session", "_timeouts")

    def __init__(
        self,
        connection_pool_size: int = 16,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._limit = connection_pool_size
        self._defaults: Timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[Timeouts, aiohttp.ClientTimeout] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._defaults[0]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._limit),
                headers={"User-Agent": self.USER_AGENT},
                cookie_jar=aiohttp.DummyCookieJar(),
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        files = request_data.multipart_data if request_data is not None else None
        fields = request_data.json_parameters if request_data is not None else None
        default_read, default_write, default_connect, default_pool = self._defaults
        if files and write_timeout is BaseRequest.DEFAULT_NONE:
            write_timeout = self._media_write
        timeout = self._timeout(
            (
                default_read if read_timeout is BaseRequest.DEFAULT_NONE else read_timeout,
                default_write if write_timeout is BaseRequest.DEFAULT_NONE else write_timeout,
                default_connect
                if connect_timeout is BaseRequest.DEFAULT_NONE
                else connect_timeout,
                default_pool if pool_timeout is BaseRequest.DEFAULT_NONE else pool_timeout,
            )
        )
        body: aiohttp.FormData | dict[str, str] | None = fields
        if files:
            body = _form(fields or {}, files)
        return await self._send(method, url, body, timeout, None)

    async def call(self, url: str, fields: Mapping[str, Any]) -> Any:
        """POST `fields` as JSON to a Bot API method's URL; its `result`, as JSON."""
        body = json.dumps({k: v for k, v in fields.items() if v is not None}, ensure_ascii=False)
        status, answer = await self._send(
            "POST", url, body.encode(), self._timeout(self._defaults), JSON_TYPE
        )
        return result_of(status, answer)

    async def _send(
        self,
        method: str,
        url: str,
        body: Any,
        timeout: aiohttp.ClientTimeout,
        headers: Mapping[str, str] | None,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        try:
            async with session.request(
                method, url, data=body, timeout=timeout, headers=headers
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's connect and read timeouts
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error

    def _timeout(self, key: Timeouts) -> aiohttp.ClientTimeout:
        """aiohttp's timeouts for PTB's four, made once per combination."""
        if (timeout := self._timeouts.get(key)) is None:
            read, write, connect, pool = key
            waited = None if connect is None or pool is None else connect + pool
            # aiohttp has no write timeout: the whole call is bounded instead when one is set.
            whole = (
                None
                if write is None or read is None or waited is None
                else (write + read + waited)
            )
            timeout = aiohttp.ClientTimeout(
                total=whole, connect=waited, sock_connect=connect, sock_read=read
            )
            self._timeouts[key] = timeout
        return timeout


def _form(fields: dict[str, str], files: dict[str, Any]) -> aiohttp.FormData:
    """A multipart body: the parameters as fields, each file as (name, content, type)."""
    form = aiohttp.FormData(quote_fields=False)
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


def result_of(status: int, payload: bytes) -> Any:
    """A Bot API answer's `result`, or the error PTB raises for it (`BaseRequest.post`)."""
    try:
        answer = json.loads(payload.decode("utf-8", "replace"))
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise NetworkError(f"Invalid server response ({status})")
    if HTTPStatus.OK <= status <= 299 and answer.get("ok"):
        return answer.get("result")
    message = str(answer.get("description") or f"HTTP error ({status})")
    parameters = answer.get("parameters") or {}
    if migrated := parameters.get("migrate_to_chat_id"):
        raise ChatMigrated(migrated)
    if retry_after := parameters.get("retry_after"):
        raise RetryAfter(retry_after)
    raises: dict[int, type[TelegramError]] = {
        HTTPStatus.FORBIDDEN: Forbidden,
        HTTPStatus.UNAUTHORIZED: InvalidToken,
        HTTPStatus.NOT_FOUND: InvalidToken,
        HTTPStatus.BAD_REQUEST: BadRequest,
        HTTPStatus.CONFLICT: Conflict,
    }
    raise raises.get(status, NetworkError)(message)
