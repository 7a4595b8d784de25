"""Platforms that cannot be reached at start: their channel starts degraded and is brought up
in the background, with back-off, while the other channels and the web chat serve."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.settings import PlatformDown, StartupError

log = logging.getLogger(__name__)
FIRST_WAIT, LONGEST_WAIT = 2.0, 120.0  # seconds between tries: 2, 4, 8 … at most 2 minutes


class LinkHealth:
    """Each platform's state for /healthz: "ok", or "degraded: why"."""

    def __init__(self) -> None:
        self.states: dict[str, str] = {}

    async def open(self, name: str, open_link: Callable[[], Awaitable[None]]) -> bool:
        """True when the platform answered; False when it is down (a refused configuration,
        StartupError, still stops start-up)."""
        try:
            await open_link()
        except PlatformDown as down:
            log.warning("%s starts degraded: %s; retrying in the background", name, down)
            self.states[name] = f"degraded: {down}"
            return False
        self.states[name] = "ok"
        return True

    async def bring_up(
        self,
        name: str,
        open_link: Callable[[], Awaitable[None]],
        start_link: Callable[[], Awaitable[None]],
        *,
        first_wait: float = FIRST_WAIT,
    ) -> None:
        """Retry opening until the platform answers, then start it."""
        wait = first_wait
        while True:
            await asyncio.sleep(wait)
            try:
                if await self.open(name, open_link):
                    await start_link()
                    log.info("%s is up", name)
                    return
            except StartupError as error:  # it answered, and refused: a person must act
                log.error("%s cannot start: %s", name, error)
                self.states[name] = f"failed: {error}"
                return
            wait = min(wait * 2, LONGEST_WAIT)
