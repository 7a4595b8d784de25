"""Files people send on Zalo arrive as links on Zalo's servers: fetched once, size-capped."""

from __future__ import annotations

import logging

import aiohttp

log = logging.getLogger(__name__)
LIMIT = 20 * 1024 * 1024  # as on Telegram: plenty for an official letter


async def fetch(http: aiohttp.ClientSession, url: str, *, limit: int = LIMIT) -> bytes:
    """The file's bytes; b"" when it is not a web link, too large, or cannot be fetched."""
    if not url.startswith(("https://", "http://")):
        return b""
    try:
        async with http.get(url, timeout=aiohttp.ClientTimeout(total=60)) as answer:
            if answer.status != 200 or (answer.content_length or 0) > limit:
                return b""
            data = await answer.content.read(limit + 1)
    except (aiohttp.ClientError, TimeoutError) as error:
        log.info("file at %.100s not fetched: %r", url, error)
        return b""
    return data if len(data) <= limit else b""
