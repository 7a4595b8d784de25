"""Platform event ids already processed: platforms deliver at least once, we act exactly once."""

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_insert
from storage.models import ProcessedEvent


async def claim_event(db: AsyncSession, channel: str, event_id: str, at: datetime) -> bool:
    """Claim an event id; False when it was processed before."""
    claim = (
        dialect_insert(db, ProcessedEvent)
        .values(channel=channel, event_id=event_id, seen_at=at)
        .on_conflict_do_nothing(index_elements=["channel", "event_id"])
        .returning(ProcessedEvent.id)
    )
    return await db.scalar(claim) is not None


async def forget_events_before(db: AsyncSession, before: datetime) -> int:
    """Drop old claims; platforms stop redelivering long before this."""
    result = await db.execute(delete(ProcessedEvent).where(ProcessedEvent.seen_at < before))
    return int(getattr(result, "rowcount", 0) or 0)
