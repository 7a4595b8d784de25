"""The outbox: messages for people other than the one who wrote, delivered by a worker.

A worker claims due rows with its name (`owner`) and a fresh `claim_token`, pushing
`next_attempt_at` ahead as a lease that it renews while a send waits (FOR UPDATE SKIP LOCKED on
PostgreSQL; SQLite has one writer). A result is recorded only under the token it was claimed
with: a worker whose lease ran out and was overtaken changes nothing. A crash between the
platform's "OK" and the commit can repeat the messages then in flight, never lose one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account, Outbox
from storage.reminders import cancel_completed

OUTBOX = cast(Table, Outbox.__table__)  # Core inserts: no ORM objects to track


@dataclass(frozen=True, slots=True)
class Claim:
    """One claimed row, detached from the session: what the worker needs to send it."""

    row_id: int
    token: int
    attempts: int
    progress: int
    payload: dict[str, Any]
    channel: str
    user_id: str
    chat_id: str
    last_inbound_at: datetime | None
    broadcast_id: int | None
    reminder_id: int | None = None


async def enqueue(
    db: AsyncSession,
    account_id: int,
    kind: str,
    payload: dict[str, Any],
    at: datetime,
    *,
    chat_id: str | None = None,
    broadcast_id: int | None = None,
) -> Outbox:
    row = Outbox(
        account_id=account_id,
        chat_id=chat_id,
        kind=kind,
        payload=payload,
        status="pending",
        attempts=0,
        claim_token=0,
        progress=0,
        message_ids=[],
        broadcast_id=broadcast_id,
        next_attempt_at=at,
        created_at=at,
    )
    db.add(row)
    await db.flush()
    return row


async def enqueue_many(
    db: AsyncSession,
    targets: Sequence[tuple[int, str | None]],
    kind: str,
    payload: dict[str, Any],
    at: datetime,
    *,
    broadcast_id: int | None = None,
) -> int:
    """One message to many (account id, chat id) targets, in one statement per thousand."""
    return await enqueue_each(
        db,
        [Queued(account_id, chat_id, payload) for account_id, chat_id in targets],
        kind,
        at,
        broadcast_id=broadcast_id,
    )


@dataclass(frozen=True, slots=True)
class Queued:
    """One message of a batch: to whom, what, and the reminder it carries, if any."""

    account_id: int
    chat_id: str | None
    payload: dict[str, Any]
    reminder_id: int | None = None


async def enqueue_each(
    db: AsyncSession,
    messages: Sequence[Queued],
    kind: str,
    at: datetime,
    *,
    broadcast_id: int | None = None,
) -> int:
    """Many messages, in one statement per thousand."""
    rows: list[dict[str, Any]] = [
        {
            "account_id": message.account_id,
            "chat_id": message.chat_id,
            "kind": kind,
            "payload": message.payload,
            "status": "pending",
            "attempts": 0,
            "claim_token": 0,
            "progress": 0,
            "message_ids": [],
            "broadcast_id": broadcast_id,
            "reminder_id": message.reminder_id,
            "next_attempt_at": at,
            "created_at": at,
        }
        for message in messages
    ]
    for start in range(0, len(rows), 1000):
        await db.execute(insert(OUTBOX), rows[start : start + 1000])
    await _pushed(db, [m.account_id for m in messages if _has_buttons(m.payload)], at)
    return len(rows)


def _has_buttons(payload: dict[str, Any]) -> bool:
    return any(r.get("buttons") for r in payload.get("replies") or [payload])


async def _pushed(db: AsyncSession, account_ids: Sequence[int], at: datetime) -> None:
    """Note who has a message with buttons coming (a reminder, an announcement), so that the
    dispatcher looks for its buttons only then (`latest_pushed`). Rows are updated in id
    order, as every batch does, so that two batches cannot wait for each other."""
    ids = sorted(set(account_ids))
    for start in range(0, len(ids), 1000):
        await db.execute(
            update(Account)
            .where(Account.id.in_(ids[start : start + 1000]))
            .values(pushed_at=at)
            .execution_options(synchronize_session=False)
        )


async def skip_unreachable(db: AsyncSession, at: datetime) -> None:
    """Pending rows of accounts known to be unreachable end here, with the account's reason."""
    blocked = select(Account.id).where(Account.blocked.is_(True))
    reason = (
        select(Account.blocked_reason).where(Account.id == Outbox.account_id).scalar_subquery()
    )
    await db.execute(
        update(Outbox)
        .where(Outbox.status == "pending", Outbox.account_id.in_(blocked))
        .values(status="unreachable", last_error=reason, sent_at=at)
        .execution_options(synchronize_session=False)
    )


async def claim_due(
    db: AsyncSession,
    at: datetime,
    *,
    channels: tuple[str, ...],
    owner: str,
    limit: int = 50,
    lease: timedelta = timedelta(seconds=30),
) -> list[Claim]:
    """Due rows for these channels, leased to `owner`; office answers come before broadcasts."""
    due = (
        select(Outbox, Account)
        .join(Account, Account.id == Outbox.account_id)
        .where(
            Outbox.status == "pending",
            Outbox.next_attempt_at <= at,
            Account.channel.in_(channels),
            Account.blocked.is_(False),
        )
        .order_by(Outbox.broadcast_id.is_not(None), Outbox.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Outbox)
    )
    claims = []
    for row, account in (await db.execute(due)).all():
        row.attempts += 1
        row.claim_token += 1
        row.owner, row.next_attempt_at = owner, at + lease
        claims.append(
            Claim(
                row.id,
                row.claim_token,
                row.attempts,
                row.progress,
                row.payload,
                account.channel,
                account.user_id,
                row.chat_id or account.chat_id or account.user_id,
                account.last_inbound_at,
                row.broadcast_id,
                row.reminder_id,
            )
        )
    await db.flush()
    return claims


async def renew(
    db: AsyncSession, owner: str, leases: Sequence[tuple[int, int]], until: datetime
) -> None:
    """Push the lease of rows still being sent (row id, token) to `until`."""
    for row_id, token in leases:
        await db.execute(
            update(Outbox)
            .where(Outbox.id == row_id, Outbox.claim_token == token, Outbox.owner == owner)
            .values(next_attempt_at=until)
            .execution_options(synchronize_session=False)
        )


async def settle(
    db: AsyncSession,
    claim: Claim,
    *,
    status: str,
    at: datetime,
    message_ids: Sequence[str] = (),
    error: str | None = None,
    retry_at: datetime | None = None,
    progress: int | None = None,
) -> bool:
    """Record a send's outcome: `status` sent, failed or unreachable, or "pending" again with
    `retry_at`. False when the claim was lost (another worker holds the row now)."""
    values: dict[str, Any] = {"status": status, "owner": None}
    if status == "pending":
        values["next_attempt_at"] = retry_at or at
    else:
        values["sent_at"] = at
    if message_ids:
        values["message_ids"] = list(message_ids)
    if error is not None:
        values["last_error"] = error[:500]
    if progress is not None:
        values["progress"] = progress
    # A message that reached the platform as its broadcast was stopped still counts as sent.
    current = ("pending", "cancelled") if status == "sent" else ("pending",)
    done = await db.execute(
        update(Outbox)
        .where(
            Outbox.id == claim.row_id,
            Outbox.claim_token == claim.token,
            Outbox.status.in_(current),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(done, "rowcount", 0))


async def release(db: AsyncSession, owner: str, at: datetime) -> None:
    """Hand back rows this worker claimed but did not send (a clean shutdown)."""
    await db.execute(
        update(Outbox)
        .where(Outbox.owner == owner, Outbox.status == "pending")
        .values(owner=None, next_attempt_at=at)
        .execution_options(synchronize_session=False)
    )


SHOWN_ON_EVERY_DEVICE = timedelta(days=7)  # a device opened later still gets the week's messages


async def take_for(
    db: AsyncSession, channel: str, user_id: str, at: datetime, after: int | None = None
) -> list[Outbox]:
    """Everything waiting for one person on a channel that fetches its messages (the web chat);
    a reminder whose unit has meanwhile completed the deadline is left out. With `after` (one
    of the person's devices, which took up to that row), also what another device of theirs
    took in the last week and this one has not shown."""
    person = select(Account.id).where(Account.channel == channel, Account.user_id == user_id)
    await cancel_completed(db, at, person)
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
    if after is None:
        return rows
    return list(
        await db.scalars(
            select(Outbox)
            .join(Account, Account.id == Outbox.account_id)
            .where(
                Account.channel == channel,
                Account.user_id == user_id,
                Outbox.status == "sent",
                Outbox.id > after,
                Outbox.sent_at > at - SHOWN_ON_EVERY_DEVICE,
            )
            .order_by(Outbox.id)
        )
    )


async def latest_pushed(
    db: AsyncSession, account_id: int, after: datetime
) -> dict[str, Any] | None:
    """The payload of the newest message pushed to this person after `after` (a reminder or an
    announcement that came after the bot's last answer), if any."""
    payload = await db.scalar(
        select(Outbox.payload)
        .where(Outbox.account_id == account_id, Outbox.status == "sent", Outbox.sent_at > after)
        .order_by(Outbox.sent_at.desc(), Outbox.id.desc())
        .limit(1)
    )
    return payload or None
