"""The outbox worker: claims due rows and sends them concurrently within each platform's rates.

Policy lives here, not in the channels: a platform's pause request pauses that platform and the
send waits it out (its lease renewed meanwhile); an unreachable person is marked and not tried
again; transient failures are retried with back-off a bounded number of times.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from bot.delivery.pacing import Pacing
from bot.delivery.results import Channel, Failed, Result, RetryAfter, Sent, Target, Unreachable
from bot.tasks import backoff, cancel
from handlers.types import Reply, unpack
from storage import accounts, broadcasts, outbox, reminders
from storage.db import Database
from storage.outbox import Claim

log = logging.getLogger(__name__)
GIVE_UP_AFTER = 6  # transient failures of one row
PAUSES = 20  # platform pause requests waited out in place before the row goes back
LEASE = timedelta(seconds=30)
STOPS_EVERY = 1.0  # seconds between looks for broadcasts stopped by the office


class _Stopped(Exception):
    """The row's broadcast was stopped while the row waited for its turn."""


class _Completed(Exception):
    """The row is a reminder and its unit completed the deadline while the row waited."""


Prepare = Callable[[list[Reply]], Awaitable[list[Reply]]]  # e.g. read stored files once


class OutboxWorker:
    def __init__(
        self,
        db: Database,
        channels: Mapping[str, Channel],
        pacing: Pacing,
        now: Callable[[], datetime],
        *,
        concurrency: int = 32,
        every: float = 0.5,
        lease: timedelta = LEASE,
        prepare: Prepare | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._db, self._channels, self._pacing, self._now = db, dict(channels), pacing, now
        self._concurrency, self._every, self._sleep = concurrency, every, sleep
        self._lease = lease  # how long a claimed row is this worker's, renewed while it sends
        self._prepare = prepare
        self.owner = f"worker-{uuid.uuid4().hex[:12]}"
        self._inflight: dict[asyncio.Task[None], Claim] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self._stopped: set[int] = set()  # broadcasts stopped, among those being sent

    def wake(self) -> None:
        """New rows are waiting: look now rather than at the next round."""
        self._wake.set()

    async def run(self) -> None:
        renewer = asyncio.create_task(self._renew_leases())
        watcher = asyncio.create_task(self._watch_stops())
        try:
            while not self._stopping:
                try:
                    claimed = await self.claim()
                except Exception:
                    log.exception("outbox claim failed")
                    claimed = 0
                if claimed == 0 or len(self._inflight) >= self._concurrency:
                    await self._idle()
        finally:
            await cancel([renewer, watcher])

    async def _idle(self) -> None:
        waits: set[asyncio.Future[object]] = {asyncio.ensure_future(self._wake.wait())}
        if self._inflight and len(self._inflight) >= self._concurrency:
            waits |= set(self._inflight)  # type: ignore[arg-type]
        _, pending = await asyncio.wait(
            waits, timeout=self._every, return_when=asyncio.FIRST_COMPLETED
        )
        for waiter in pending:
            if waiter not in self._inflight:
                waiter.cancel()
        self._wake.clear()

    async def claim(self) -> int:
        """Claim as many due rows as there is room for and start sending them."""
        room = self._concurrency - len(self._inflight)
        if room <= 0 or not self._channels:
            return 0
        async with self._db.transaction() as session:
            await outbox.skip_unreachable(session, self._now())
            claims = await outbox.claim_due(
                session,
                self._now(),
                channels=tuple(self._channels),
                owner=self.owner,
                limit=room,
                lease=self._lease,
            )
        for claim in claims:
            task = asyncio.create_task(self._send(claim))
            self._inflight[task] = claim
            task.add_done_callback(self._forget)
        return len(claims)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._inflight.pop(task, None)
        self._wake.set()

    async def drain(self) -> None:
        """Claim and send until nothing is due (tests and benchmarks)."""
        while await self.claim() or self._inflight:
            if self._inflight:
                await asyncio.wait(set(self._inflight), return_when=asyncio.FIRST_COMPLETED)

    async def _send(self, claim: Claim) -> None:
        channel = self._channels[claim.channel]
        target = Target(
            claim.channel,  # type: ignore[arg-type]
            claim.chat_id,
            claim.user_id,
            last_inbound_at=claim.last_inbound_at,
        )
        replies = unpack(claim.payload)
        if self._prepare is not None:
            replies = await self._prepare(replies)
        turn = self._pacing.pace(claim.channel, claim.chat_id)

        checked = claim.reminder_id is None

        async def pace() -> None:
            nonlocal checked
            await turn()
            if claim.broadcast_id in self._stopped:  # its row is already marked cancelled
                raise _Stopped
            if not checked:  # the last look before a reminder goes out
                checked = True
                if await self._completed(claim):
                    raise _Completed

        done, pauses = claim.progress, 0
        while True:
            checked = claim.reminder_id is None or done > claim.progress  # look again after a wait
            try:
                result: Result = await channel.send(target, replies, pace=pace, skip=done)
            except _Stopped:
                return
            except _Completed:
                await self._cancel(claim)
                return
            except Exception as error:  # a channel bug must not stop the others
                log.exception("outbox row %d: %s failed", claim.row_id, claim.channel)
                result = Failed(repr(error), permanent=False, done=done)
            if isinstance(result, RetryAfter) and pauses < PAUSES:
                self._pacing.pause(claim.channel, result.seconds)
                done, pauses = result.done, pauses + 1
                continue
            break
        try:
            await self._settle(claim, result)
        except Exception:
            log.exception("outbox row %d: outcome not recorded", claim.row_id)

    async def _completed(self, claim: Claim) -> bool:
        assert claim.reminder_id is not None
        async with self._db.transaction() as session:
            return await reminders.is_completed(session, claim.reminder_id)

    async def _cancel(self, claim: Claim) -> None:
        async with self._db.transaction() as session:
            await outbox.settle(
                session,
                claim,
                status="cancelled",
                at=self._now(),
                error="completed before it was sent",
            )

    async def _settle(self, claim: Claim, result: Result) -> None:
        now = self._now()
        async with self._db.transaction() as session:
            match result:
                case Sent(message_ids):
                    status = "sent"
                    kept = await outbox.settle(
                        session, claim, status=status, at=now, message_ids=message_ids
                    )
                case Unreachable(reason):
                    status = "unreachable"
                    await accounts.mark_unreachable(
                        session, claim.channel, claim.user_id, reason, now
                    )
                    kept = await outbox.settle(session, claim, status=status, at=now, error=reason)
                case RetryAfter(seconds, done):
                    status = "pending"
                    kept = await outbox.settle(
                        session,
                        claim,
                        status=status,
                        at=now,
                        error=f"retry after {seconds:g} s",
                        retry_at=now + timedelta(seconds=seconds),
                        progress=done,
                    )
                case Failed(reason, permanent, done):
                    retry = not permanent and claim.attempts < GIVE_UP_AFTER
                    status = "pending" if retry else "failed"
                    wait = timedelta(seconds=backoff(claim.attempts + 2, cap=600.0))
                    kept = await outbox.settle(
                        session,
                        claim,
                        status=status,
                        at=now,
                        error=reason,
                        retry_at=now + wait,
                        progress=done,
                    )
        if not kept:
            log.warning("outbox row %d was taken over by another worker", claim.row_id)

    async def _renew_leases(self) -> None:
        while True:
            await self._sleep(self._lease.total_seconds() / 3)
            leases = [(c.row_id, c.token) for c in self._inflight.values()]
            if not leases:
                continue
            with contextlib.suppress(Exception):
                async with self._db.transaction() as session:
                    await outbox.renew(session, self.owner, leases, self._now() + self._lease)

    async def _watch_stops(self) -> None:
        while True:
            await self._sleep(STOPS_EVERY)
            sending = {c.broadcast_id for c in self._inflight.values() if c.broadcast_id}
            if not sending:
                continue
            with contextlib.suppress(Exception):
                async with self._db.transaction() as session:
                    self._stopped = await broadcasts.stopped_among(session, sending)

    async def stop(self, timeout: float) -> None:
        """Stop claiming, let sends under way finish for up to `timeout` s, hand back the rest."""
        self._stopping = True
        self._wake.set()
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=timeout)
        await cancel(list(self._inflight))
        with contextlib.suppress(Exception):
            async with self._db.transaction() as session:
                await outbox.release(session, self.owner, self._now())
