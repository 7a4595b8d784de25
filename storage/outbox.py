"""The outbox: messages for people other than the one who wrote, delivered by a worker.

A row is claimed before it is sent (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer),
so two workers never send the same row; a crash after sending and before marking can repeat
that one message, never lose it.
"""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account, Outbox


async def enqueue(
    db: AsyncSession, account_id: int, kind: str, payload: dict[str, Any], at: datetime
) -> Outbox:
    row = Outbox(
        account_id=account_id,
        kind=kind,
        payload=payload,
        status="pending",
        attempts=0,
        next_attempt_at=at,
        created_at=at,
    )
    db.add(row)
    await db.flush()
    return row


async def claim_due(
    db: AsyncSession,
    at: datetime,
    *,
    channels: tuple[str, ...],
    limit: int = 50,
    lease: timedelta = timedelta(minutes=2),
) -> list[tuple[Outbox, Account]]:
    """Due rows for these channels, pushed `lease` into the future so no other worker takes
    them meanwhile; the caller marks each one sent or failed."""
    due = (
        select(Outbox, Account)
        .join(Account, Account.id == Outbox.account_id)
        .where(
            Outbox.status == "pending", Outbox.next_attempt_at <= at, Account.channel.in_(channels)
        )
        .order_by(Outbox.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Outbox)
    )
    claimed = [(row, account) for row, account in (await db.execute(due)).all()]
    for row, _ in claimed:
        row.attempts += 1
        row.next_attempt_at = at + lease
    await db.flush()
    return claimed


async def mark_sent(db: AsyncSession, row_id: int, at: datetime) -> None:
    row = await db.get(Outbox, row_id)
    if row is not None:
        row.status, row.sent_at = "sent", at
        await db.flush()


async def mark_failed(
    db: AsyncSession, row_id: int, error: str, at: datetime, *, retry_in: timedelta | None
) -> None:
    """Try again after `retry_in`, or give up (None) and keep the reason."""
    row = await db.get(Outbox, row_id)
    if row is not None:
        row.last_error = error[:500]
        if retry_in is None:
            row.status = "failed"
        else:
            row.next_attempt_at = at + retry_in
        await db.flush()


async def take_for(db: AsyncSession, channel: str, user_id: str, at: datetime) -> list[Outbox]:
    """Everything waiting for one person on a channel that fetches its messages (the web chat)."""
    rows = list(
        await db.scalars(
            select(Outbox)
            .join(Account, Account.id == Outbox.account_id)
            .where(
                Account.channel == channel, Account.user_id == user_id, Outbox.status == "pending"
            )
            .order_by(Outbox.id)
            .with_for_update(skip_locked=True, of=Outbox)
        )
    )
    for row in rows:
        row.status, row.sent_at, row.attempts = "sent", at, row.attempts + 1
    await db.flush()
    return rows
