"""Campaign rows: the units and deadlines of a campaign file, kept in step with it at start."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Campaign, Deadline, Unit


@dataclass(frozen=True, slots=True)
class UnitRecord:
    code: str
    name: str
    kind: str
    group: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class DeadlineRecord:
    key: str
    due_at: datetime
    audience: str = "all"
    done_when: str = "nothing"


async def sync_campaign(
    db: AsyncSession,
    key: str,
    name: str,
    units: list[UnitRecord],
    deadlines: list[DeadlineRecord],
    at: datetime,
) -> Campaign:
    """Upsert the campaign, its units and deadlines; units no longer listed go inactive."""
    campaign = await db.scalar(select(Campaign).where(Campaign.key == key))
    if campaign is None:
        campaign = Campaign(key=key, name=name, loaded_at=at)
        db.add(campaign)
        await db.flush()
    campaign.name, campaign.loaded_at = name, at
    existing = {
        u.code: u for u in await db.scalars(select(Unit).where(Unit.campaign_id == campaign.id))
    }
    for record in units:
        unit = existing.pop(record.code, None) or Unit(campaign_id=campaign.id, code=record.code)
        unit.name, unit.kind, unit.group = record.name, record.kind, record.group
        unit.aliases, unit.active = list(record.aliases), True
        db.add(unit)
    for stale in existing.values():
        stale.active = False
    known = {
        d.key: d
        for d in await db.scalars(select(Deadline).where(Deadline.campaign_id == campaign.id))
    }
    for item in deadlines:
        deadline = known.get(item.key) or Deadline(campaign_id=campaign.id, key=item.key)
        deadline.due_at, deadline.audience = item.due_at, item.audience
        deadline.done_when = item.done_when
        db.add(deadline)
    await db.flush()
    return campaign


async def find_campaign(db: AsyncSession, key: str) -> Campaign | None:
    return await db.scalar(select(Campaign).where(Campaign.key == key))


async def find_unit(db: AsyncSession, campaign_id: int, code: str) -> Unit | None:
    return await db.scalar(
        select(Unit).where(Unit.campaign_id == campaign_id, Unit.code == code.upper())
    )


async def get_unit(db: AsyncSession, unit_id: int) -> Unit:
    unit = await db.get(Unit, unit_id)
    if unit is None:
        raise LookupError(f"no unit {unit_id}")
    return unit


_UNITS = (
    select(Unit).where(Unit.campaign_id == bindparam("campaign"), Unit.active).order_by(Unit.code)
)


async def list_units(db: AsyncSession, campaign_id: int) -> list[Unit]:
    return list(await db.scalars(_UNITS, {"campaign": campaign_id}))
