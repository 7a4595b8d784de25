"""The outbox worker: delivers queued messages (answers from the office, forwarded questions)
through each person's channel, retrying with back-off and recording what could not be sent."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from handlers.types import Button, Identity, Reply
from storage import outbox
from storage.db import Database

log = logging.getLogger(__name__)
Send = Callable[[Identity, list[Reply]], Awaitable[bool]]
GIVE_UP_AFTER = 6


def to_reply(payload: dict[str, Any]) -> Reply:
    buttons = tuple(Button(label, data) for label, data in payload.get("buttons", []))
    return Reply(str(payload.get("text", "")), buttons=buttons)


class OutboxWorker:
    def __init__(
        self,
        db: Database,
        senders: Mapping[str, Send],
        now: Callable[[], datetime],
        *,
        every: float = 1.0,
    ) -> None:
        self._db, self._senders, self._now, self._every = db, senders, now, every

    async def run(self) -> None:
        while True:
            try:
                while await self.drain():
                    pass
            except Exception:
                log.exception("outbox round failed")
            await asyncio.sleep(self._every)

    async def drain(self) -> int:
        """Send what is due now; returns how many rows were tried."""
        if not self._senders:
            return 0
        async with self._db.transaction() as session:
            claimed = await outbox.claim_due(session, self._now(), channels=tuple(self._senders))
            work = [
                (row.id, row.attempts, row.payload, account.channel, account.user_id)
                for row, account in claimed
            ]
        for row_id, attempts, payload, channel, user_id in work:
            identity = Identity(channel, user_id)  # type: ignore[arg-type]
            try:
                delivered = await self._senders[channel](identity, [to_reply(payload)])
            except Exception as error:  # a channel bug must not stop the others
                log.exception("outbox row %d: %s failed", row_id, channel)
                delivered, reason = False, repr(error)
            else:
                reason = "not delivered (see the account's unreachable reason)"
            async with self._db.transaction() as session:
                if delivered:
                    await outbox.mark_sent(session, row_id, self._now())
                else:
                    retry = (
                        timedelta(seconds=30 * 2**attempts) if attempts < GIVE_UP_AFTER else None
                    )
                    await outbox.mark_failed(session, row_id, reason, self._now(), retry_in=retry)
        return len(work)
