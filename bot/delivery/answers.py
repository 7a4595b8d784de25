"""Answers to someone who just wrote: sent at once under the engine's policy, and never lost.

An answer is sent as a task of its own, so a shutdown that stops polling does not cut it off;
`drain` waits for answers under way, and what is still unsent when time runs out is parked in
the outbox, to go out after the restart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from bot.delivery.pacing import Pacing
from bot.delivery.results import Channel, Failed, Result, RetryAfter, Sent, Target, Unreachable
from bot.tasks import backoff
from handlers.types import Reply

log = logging.getLogger(__name__)
TRIES = 5  # transient failures (5xx, timeouts); a platform's pause request is waited out
PAUSES = 10

MarkUnreachable = Callable[[Target, str], Awaitable[None]]
Park = Callable[[Target, Sequence[Reply], int], Awaitable[None]]


@dataclass(slots=True, eq=False)  # each job is itself, hashed by identity
class _Job:
    channel: Channel
    target: Target
    replies: Sequence[Reply]
    done: int = 0  # platform messages of it already sent
    task: asyncio.Task[Result] | None = field(default=None)


class Answers:
    def __init__(
        self,
        pacing: Pacing,
        mark_unreachable: MarkUnreachable,
        park: Park,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._pacing, self._mark, self._park, self._sleep = pacing, mark_unreachable, park, sleep
        self._jobs: set[_Job] = set()

    async def deliver(self, channel: Channel, target: Target, replies: Sequence[Reply]) -> Result:
        if not replies:
            return Sent()
        job = _Job(channel, target, replies)
        job.task = asyncio.create_task(self._run(job))
        self._jobs.add(job)
        job.task.add_done_callback(lambda _: self._jobs.discard(job))
        return await asyncio.shield(job.task)

    async def _run(self, job: _Job) -> Result:
        pace = self._pacing.pace(job.channel.name, None)
        failures = pauses = 0
        while True:
            try:
                result = await job.channel.send(job.target, job.replies, pace=pace, skip=job.done)
            except Exception as error:  # a channel bug must not lose the answer silently
                log.exception("answer to %s on %s failed", job.target.chat_id, job.channel.name)
                result = Failed(repr(error), permanent=False, done=job.done)
            match result:
                case Sent():
                    return result
                case Unreachable(reason):
                    await self._mark(job.target, reason)
                    return result
                case RetryAfter(seconds, done) if pauses < PAUSES:
                    job.done, pauses = done, pauses + 1
                    self._pacing.pause(job.channel.name, seconds)
                case Failed(_, False, done) if failures < TRIES:
                    job.done, failures = done, failures + 1
                    await self._sleep(backoff(failures))
                case _:
                    log.error("answer to %s not delivered: %s", job.target.chat_id, result)
                    return result

    async def drain(self, timeout: float) -> int:
        """Wait up to `timeout` s for answers under way; park the rest. Returns how many parked."""
        jobs = [job for job in self._jobs if job.task is not None]
        if not jobs:
            return 0
        await asyncio.wait([job.task for job in jobs if job.task], timeout=timeout)
        parked = 0
        for job in jobs:
            if job.task is not None and not job.task.done():
                job.task.cancel()
                await self._park(job.target, job.replies, job.done)
                parked += 1
        return parked
