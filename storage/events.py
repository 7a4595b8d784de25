"""Platform event ids already processed: platforms deliver at least once, we act exactly once."""

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_insert
from storage.models import ProcessedEvent

# By dialect, built once so that the compiled-statement cache is hit; on the table, not the
# mapped class, so that the claim runs as one Core statement without the ORM's bulk-insert path.
_CLAIMS: dict[str, Any] = {}
_TABLE = ProcessedEvent.__table__


async def claim_event(db: AsyncSession, channel: str, event_id: str, at: datetime) -> bool:
    """Claim an event id; False when it was processed before."""
    dialect = db.get_bind().dialect.name
    if (claim := _CLAIMS.get(dialect)) is None:
        claim = _CLAIMS[dialect] = (
            dialect_insert(db, _TABLE)
            .values(
                channel=bindparam("channel"), event_id=bindparam("event"), seen_at=bindparam("at")
            )
            .on_conflict_do_nothing(index_elements=["channel", "event_id"])
            .returning(_TABLE.c.id)
        )
    found = await db.scalar(claim, {"channel": channel, "event": event_id, "at": at})
    return found is not None


async def forget_events_before(db: AsyncSession, before: datetime) -> int:
    """Drop old claims; platforms stop redelivering long before this."""
    result = await db.execute(delete(ProcessedEvent).where(ProcessedEvent.seen_at < before))
    return int(getattr(result, "rowcount", 0) or 0)


async def remember_replies(
    db: AsyncSession, channel: str, event_id: str, replies: dict[str, Any]
) -> None:
    """Keep what an event was answered, for a client that retries it (the web page)."""
    await db.execute(
        update(ProcessedEvent)
        .where(ProcessedEvent.channel == channel, ProcessedEvent.event_id == event_id)
        .values(replies=replies)
    )


async def replies_of(db: AsyncSession, channel: str, event_id: str) -> dict[str, Any] | None:
    """What an event processed before was answered; None when nothing was kept."""
    return await db.scalar(
        select(ProcessedEvent.replies).where(
            ProcessedEvent.channel == channel, ProcessedEvent.event_id == event_id
        )
    )
