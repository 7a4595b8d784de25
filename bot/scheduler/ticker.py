"""APScheduler as the clock, not the store: one job that runs the tick every minute.

Missed runs are coalesced into one and a run never overlaps the previous one, so a tick is
never doubled; what is due comes from the database, so a restart loses nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)


class Ticker:
    def __init__(self, tick: Callable[[], Awaitable[object]], every: float) -> None:
        self._tick, self._every = tick, every
        self._scheduler: AsyncIOScheduler | None = None
        self._running: asyncio.Task[None] | None = None

    def start(self) -> None:
        # its "Running job" / "executed successfully" lines would come every minute
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_job(
            self._run,
            IntervalTrigger(seconds=self._every, start_date=_next_whole(self._every)),
            id="tick",
            coalesce=True,  # runs missed while the loop was busy become one
            max_instances=1,  # a slow tick is never overlapped by the next
            misfire_grace_time=max(1, int(self._every)),
        )
        self._scheduler.start()

    async def _run(self) -> None:
        self._running = asyncio.current_task()
        try:
            await self._tick()
        except Exception:
            log.exception("reminder tick failed; the next one tries again")
        finally:
            self._running = None

    async def stop(self, timeout: float) -> None:
        """No more ticks; a tick under way may finish (its transaction is all or nothing)."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        if (running := self._running) is not None:
            done, _ = await asyncio.wait({running}, timeout=timeout)
            if not done:
                running.cancel()


def _next_whole(every: float) -> datetime:
    """Ticks start on a whole minute (a whole `every` seconds), so 08:00 is sent at 08:00."""
    now = datetime.now(UTC)
    step = max(1, int(every))
    seconds = (now.timestamp() // step + 1) * step
    return datetime.fromtimestamp(seconds, UTC) + timedelta(milliseconds=50)
