"""Background work: how long to wait before trying again, and stopping tasks cleanly."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import Any


def backoff(attempt: int, *, cap: float = 8.0) -> float:
    """Seconds to wait before try `attempt + 1`: 0.5, 1, 2, 4 … at most `cap`."""
    return float(min(0.5 * 2 ** min(attempt, 16), cap))


async def cancel(tasks: Iterable[asyncio.Task[Any] | None]) -> None:
    """Cancel the tasks and wait until each has ended."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    for task in running:
        with contextlib.suppress(asyncio.CancelledError):
            await task
