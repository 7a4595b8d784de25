"""Broadcasts: the announcement, who it was meant for, and what became of each message."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_insert
from storage.models import Account, Broadcast, BroadcastAck, Outbox, Pledge, Unit


@dataclass(frozen=True, slots=True)
class Figures:
    """A broadcast's messages by status, and its units by what reached them."""

    by_status: Counter[str]
    acknowledged: int  # units with at least one "received" press
    outside_window: int  # of the unreachable: outside a platform's reply window (Zalo OA)
    units_reached: frozenset[int] = field(default_factory=frozenset)
    units_acked: frozenset[int] = field(default_factory=frozenset)
    units_waiting: frozenset[int] = field(default_factory=frozenset)  # a message still queued

    @property
    def pending(self) -> int:
        return self.by_status["pending"]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


async def create_broadcast(
    db: AsyncSession,
    *,
    campaign_id: int,
    sender_id: int,
    text: str,
    attachment: dict[str, Any] | None,
    audience: dict[str, Any],
    ask_ack: bool,
    units: list[int],
    at: datetime,
) -> Broadcast:
    row = Broadcast(
        campaign_id=campaign_id,
        sender_id=sender_id,
        text=text,
        attachment=attachment,
        audience=audience,
        ask_ack=ask_ack,
        status="sending",
        units=units,
        reported=False,
        created_at=at,
    )
    db.add(row)
    await db.flush()
    return row


async def find_broadcast(db: AsyncSession, broadcast_id: int) -> Broadcast | None:
    return await db.get(Broadcast, broadcast_id)


async def list_broadcasts(db: AsyncSession, campaign_id: int, limit: int = 10) -> list[Broadcast]:
    rows = await db.scalars(
        select(Broadcast)
        .where(Broadcast.campaign_id == campaign_id)
        .order_by(Broadcast.id.desc())
        .limit(limit)
    )
    return list(rows)


async def list_sending(db: AsyncSession) -> list[Broadcast]:
    """Broadcasts whose end has not been reported yet (on any instance)."""
    return list(await db.scalars(select(Broadcast).where(Broadcast.reported.is_(False))))


async def figures(db: AsyncSession, broadcast: Broadcast) -> Figures:
    statuses = await db.execute(
        select(Outbox.status, func.count())
        .where(Outbox.broadcast_id == broadcast.id)
        .group_by(Outbox.status)
    )
    family = await _with_resends(db, broadcast)  # a resend reaching a unit counts here too
    reached = await _units_with(db, family, "sent")
    waiting = await _units_with(db, family, "pending")
    acked = await db.scalars(
        select(BroadcastAck.unit_id)
        .where(BroadcastAck.broadcast_id == broadcast.id, BroadcastAck.unit_id.is_not(None))
        .distinct()
    )
    units_acked = frozenset(u for u in acked if u is not None)
    outside = await db.scalar(
        select(func.count())
        .select_from(Outbox)
        .where(
            Outbox.broadcast_id == broadcast.id,
            Outbox.status == "unreachable",
            Outbox.last_error.like("%window%"),
        )
    )
    return Figures(
        Counter({status: count for status, count in statuses.all()}),
        len(units_acked),
        int(outside or 0),
        reached,
        units_acked,
        waiting - reached,
    )


async def _with_resends(db: AsyncSession, broadcast: Broadcast) -> set[int]:
    """The broadcast and every resend of it (and of those), by their `resend_of`."""
    later = await db.execute(
        select(Broadcast.id, Broadcast.audience)
        .where(Broadcast.campaign_id == broadcast.campaign_id, Broadcast.id > broadcast.id)
        .order_by(Broadcast.id)
    )
    family = {broadcast.id}
    for row_id, wanted in later.all():  # in id order: a resend comes after what it resends
        if (wanted or {}).get("resend_of") in family:
            family.add(row_id)
    return family


async def _units_with(db: AsyncSession, broadcast_ids: set[int], status: str) -> frozenset[int]:
    units = await db.scalars(
        select(Account.unit_id)
        .join(Outbox, Outbox.account_id == Account.id)
        .where(
            Outbox.broadcast_id.in_(broadcast_ids),
            Outbox.status == status,
            Account.unit_id.is_not(None),
        )
        .distinct()
    )
    return frozenset(u for u in units if u is not None)


async def cancel_broadcast(db: AsyncSession, broadcast: Broadcast, at: datetime) -> int:
    """Every message not sent yet is cancelled. A worker holding one checks before its turn
    and drops it; one already on its way to the platform is recorded as sent after all."""
    done = await db.execute(
        update(Outbox)
        .where(Outbox.broadcast_id == broadcast.id, Outbox.status == "pending")
        .values(status="cancelled", sent_at=at)
        .execution_options(synchronize_session=False)
    )
    broadcast.status = "cancelled"
    await db.flush()
    return int(getattr(done, "rowcount", 0) or 0)


async def acknowledge(
    db: AsyncSession, broadcast_id: int, account_id: int, unit_id: int | None, at: datetime
) -> bool:
    """Record a "received" press; False when this person pressed it before."""
    pressed = await db.execute(
        dialect_insert(db, BroadcastAck)
        .values(broadcast_id=broadcast_id, account_id=account_id, unit_id=unit_id, at=at)
        .on_conflict_do_nothing(index_elements=["broadcast_id", "account_id"])
        .returning(BroadcastAck.id)
    )
    return pressed.scalar() is not None


async def was_sent_to(db: AsyncSession, broadcast_id: int, account_id: int) -> bool:
    found = await db.scalar(
        select(Outbox.id)
        .where(Outbox.broadcast_id == broadcast_id, Outbox.account_id == account_id)
        .limit(1)
    )
    return found is not None


async def claim_report(db: AsyncSession, broadcast: Broadcast, at: datetime) -> bool:
    """The broadcast is over and no one has reported it yet: this caller reports it (once)."""
    left = await db.scalar(  # the web page fetches its own: those rows do not hold the end
        select(func.count())
        .select_from(Outbox)
        .join(Account, Account.id == Outbox.account_id)
        .where(
            Outbox.broadcast_id == broadcast.id,
            Outbox.status == "pending",
            Account.channel != "web",
        )
    )
    if left:
        return False
    done = await db.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast.id, Broadcast.reported.is_(False))
        .values(
            reported=True,
            finished_at=at,
            status="cancelled" if broadcast.status == "cancelled" else "done",
        )
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(done, "rowcount", 0))


async def set_progress_message(
    db: AsyncSession, broadcast_id: int, chat_id: str, message_id: str
) -> None:
    await db.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id)
        .values(progress_chat=chat_id, progress_message=message_id)
        .execution_options(synchronize_session=False)
    )


async def pledge_statuses(db: AsyncSession, campaign_id: int) -> dict[int, str]:
    """Each unit's pledge status (draft, submitted, locked); units without one are absent."""
    rows = await db.execute(
        select(Pledge.unit_id, Pledge.status).where(Pledge.campaign_id == campaign_id)
    )
    return {unit_id: status for unit_id, status in rows.all()}


async def list_linked_accounts(db: AsyncSession, unit_ids: list[int]) -> list[Account]:
    if not unit_ids:
        return []
    rows = await db.scalars(
        select(Account).where(Account.unit_id.in_(unit_ids)).order_by(Account.id)
    )
    return list(rows)


async def unit_codes(db: AsyncSession, unit_ids: set[int]) -> list[str]:
    if not unit_ids:
        return []
    rows = await db.scalars(select(Unit.code).where(Unit.id.in_(unit_ids)).order_by(Unit.code))
    return list(rows)


async def latest_asking_ack(db: AsyncSession, account_id: int) -> int | None:
    """The newest announcement with a «Received» button that reached this person."""
    return await db.scalar(
        select(Broadcast.id)
        .join(Outbox, Outbox.broadcast_id == Broadcast.id)
        .where(
            Outbox.account_id == account_id,
            Outbox.status == "sent",
            Broadcast.ask_ack.is_(True),
        )
        .order_by(Broadcast.id.desc())
        .limit(1)
    )


async def stopped_among(db: AsyncSession, broadcast_ids: set[int]) -> set[int]:
    rows = await db.scalars(
        select(Broadcast.id).where(
            Broadcast.id.in_(broadcast_ids), Broadcast.status == "cancelled"
        )
    )
    return set(rows)
