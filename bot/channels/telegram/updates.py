"""How Telegram updates arrive: long polling that confirms a batch only once it is handled, or a
webhook route on the web server that checks Telegram's secret header."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets

from aiohttp import web
from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter

from bot.channels.headers import header_bytes
from bot.channels.telegram.channel import TelegramChannel, retry_seconds
from bot.tasks import backoff

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def poll(channel: TelegramChannel, *, timeout: int = 25) -> None:
    """Fetch, handle the whole batch, then confirm it with the next offset (at least once).

    A batch is handled concurrently: different people in parallel, one person's updates in the
    order Telegram gave them (the dispatcher's per-person lock is taken in that order).
    """
    bot, offset, failures = channel.bot, None, 0
    while True:
        try:
            updates = await bot.get_updates(
                offset=offset, timeout=timeout, allowed_updates=ALLOWED_UPDATES
            )
            failures = 0
        except RetryAfter as error:
            await asyncio.sleep(retry_seconds(error))
            continue
        except InvalidToken:
            log.error("Telegram refused TELEGRAM_BOT_TOKEN; polling stops")
            return
        except Conflict as error:
            log.warning(
                "telegram polling conflict (%s): is a webhook or another poller set?",
                error.message,
            )
            failures += 1
        except NetworkError as error:
            log.info("telegram polling network error: %s", error.message)
            failures += 1
        else:
            if updates:
                await asyncio.gather(*(channel.on_update(update) for update in updates))
                offset = updates[-1].update_id + 1
            continue
        await asyncio.sleep(backoff(failures, cap=30.0))


def webhook_route(channel: TelegramChannel, secret: str, path: str) -> web.RouteDef:
    """POST handler for Telegram's webhook; a missing secret is 401, a wrong one 403."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return web.Response(status=401, text="missing secret token")
        if not secrets.compare_digest(header_bytes(given), expected):
            return web.Response(status=403, text="wrong secret token")
        try:
            body = json.loads(await request.read())
        except (ValueError, RecursionError) as error:
            log.warning("telegram webhook body skipped: %r", error)
            return web.Response(text="skipped")  # a 2xx, or Telegram would resend it forever
        if not isinstance(body, dict):  # no update is a list: forged, so refused
            return web.Response(status=400, text="not an update")
        try:
            update = Update.de_json(body, channel.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            log.warning("telegram webhook body skipped: %r", error)
            return web.Response(text="skipped")  # a 2xx, or Telegram would resend it forever
        await channel.on_update(update)
        return web.Response(text="ok")

    return web.post(path, receive)
