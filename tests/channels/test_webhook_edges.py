"""Forged webhooks on every platform: a stray byte in the secret or signature header gets 401 or
403, and a JSON array or scalar as the body gets 400, never a 500."""

from __future__ import annotations

import asyncio
import logging

import pytest
from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Bot, Clock
from telegram_people import SECRET, telegram_bot
from zalo_people import BOT_SECRET, zalo_bot


async def raw_post(port: int, path: str, header: tuple[str, bytes] | None, body: bytes) -> int:
    """An HTTP request written byte by byte, as a fuzzer would: headers no client would send."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [f"POST {path} HTTP/1.1".encode(), b"Host: 127.0.0.1", b"Connection: close"]
    lines += [b"Content-Type: application/json", f"Content-Length: {len(body)}".encode()]
    if header is not None:
        lines.append(header[0].encode() + b": " + header[1])
    writer.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    writer.close()
    await writer.wait_closed()
    return status


NOT_OBJECTS = [b"[1, 2, 3]", b'"update"', b"42", b"null"]
# Not JSON at all, with the right secret: Telegram and Zalo would resend a refusal forever, so
# those two skip it with a 2xx; a Zalo OA event is read before its signature, so it is 400.
NOT_JSON = [b"[" * 5000 + b"]" * 5000, b"not json"]


async def check(
    bot: Bot,
    path: str,
    name: str,
    good: bytes,
    caplog: pytest.LogCaptureFixture,
    *,
    forged: tuple[int, ...] = (401, 403),
) -> None:
    port = bot.app.port
    for value in (b"\xff", good + b"\xff", b"\xc3\x28"):  # stray bytes, invalid UTF-8
        assert await raw_post(port, path, (name, value), b"{}") in forged, value
    for body in NOT_OBJECTS:
        assert await raw_post(port, path, (name, good), body) == 400, body[:20]
    for body in NOT_JSON:
        assert await raw_post(port, path, (name, good), body) == 200, body[:20]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_telegram(
    telegram_api: FakeTelegram, sqlite_url: str, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    async with telegram_bot(telegram_api, sqlite_url, clock, "webhook") as bot:
        name = "X-Telegram-Bot-Api-Secret-Token"
        await check(bot, "/hooks/telegram", name, SECRET.encode(), caplog)


async def test_zalo_bot(
    zalo_bot_api: FakeZaloBot, sqlite_url: str, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    async with zalo_bot(sqlite_url, clock, bot=zalo_bot_api, mode="webhook") as bot:
        name = "X-Bot-Api-Secret-Token"
        await check(bot, "/hooks/zalo", name, BOT_SECRET.encode(), caplog)


async def test_zalo_oa(
    zalo_oa_api: FakeZaloOA, sqlite_url: str, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    async with zalo_bot(sqlite_url, clock, oa=zalo_oa_api) as bot:
        port, path = bot.app.port, "/zalo/oa/webhook"
        for value in (b"\xff", b"mac=\xff\xfe", b"\xc3\x28"):
            event = b'{"event_name": "user_send_text", "timestamp": "1"}'
            assert await raw_post(port, path, ("X-ZEvent-Signature", value), event) == 401
        for body in NOT_OBJECTS + NOT_JSON:  # read before the signature: 400 if it is no event
            assert await raw_post(port, path, ("X-ZEvent-Signature", b"mac=00"), body) == 400
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
