"""Pledges: one per unit and campaign, every change kept as a revision."""

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_insert, held
from storage.models import Pledge, PledgeRevision

SUBMITTED = ("submitted", "locked")  # statuses of a pledge (or a report) that has been sent
_FIND = select(Pledge).where(
    Pledge.unit_id == bindparam("unit"), Pledge.campaign_id == bindparam("campaign")
)  # built once: the compiled-statement cache is hit without building it again


async def find_pledge(db: AsyncSession, unit_id: int, campaign_id: int) -> Pledge | None:
    if (pledge := held(db, Pledge, unit_id=unit_id, campaign_id=campaign_id)) is not None:
        return pledge  # read already while this message is handled
    return await db.scalar(_FIND, {"unit": unit_id, "campaign": campaign_id})


def is_submitted(pledge: Pledge | None) -> bool:
    return pledge is not None and pledge.status in SUBMITTED


async def submitted(db: AsyncSession, unit_id: int, campaign_id: int) -> bool:
    return is_submitted(await find_pledge(db, unit_id, campaign_id))


async def open_pledge(db: AsyncSession, unit_id: int, campaign_id: int, at: datetime) -> Pledge:
    """The unit's pledge, created as an empty draft the first time (two leaders may race)."""
    if (pledge := await find_pledge(db, unit_id, campaign_id)) is not None:
        return pledge
    await db.execute(
        dialect_insert(db, Pledge)
        .values(
            unit_id=unit_id,
            campaign_id=campaign_id,
            status="draft",
            fields={},
            created_at=at,
            updated_at=at,
            version=1,
        )
        .on_conflict_do_nothing(index_elements=["unit_id", "campaign_id"])
    )
    pledge = await find_pledge(db, unit_id, campaign_id)
    assert pledge is not None
    return pledge


async def set_field(
    db: AsyncSession, pledge: Pledge, name: str, value: Any, *, by: int, at: datetime
) -> bool:
    """Change one field and keep the old value in the pledge's history; False if unchanged."""
    old = pledge.fields.get(name)
    if old == value:
        return False
    pledge.fields = {**pledge.fields, name: value}  # JSON columns don't see in-place edits
    pledge.updated_at = at
    db.add(
        PledgeRevision(
            pledge_id=pledge.id, field=name, old=old, new=value, by_account_id=by, at=at
        )
    )
    await db.flush()
    return True


async def submit_pledge(db: AsyncSession, pledge: Pledge, *, by: int, at: datetime) -> None:
    pledge.status = "submitted"
    pledge.submitted_at = at
    pledge.submitted_by = by
    pledge.updated_at = at
    db.add(
        PledgeRevision(
            pledge_id=pledge.id,
            field="status",
            old="draft",
            new="submitted",
            by_account_id=by,
            at=at,
        )
    )
    await db.flush()


async def unlock_pledge(
    db: AsyncSession, pledge: Pledge, until: datetime, *, by: int, at: datetime
) -> None:
    before = pledge.unlocked_until
    pledge.unlocked_until = until
    db.add(
        PledgeRevision(
            pledge_id=pledge.id,
            field="unlocked_until",
            old=before.isoformat() if before is not None else None,
            new=until.isoformat(),
            by_account_id=by,
            at=at,
        )
    )
    await db.flush()


async def list_revisions(db: AsyncSession, pledge_id: int) -> list[PledgeRevision]:
    rows = await db.scalars(
        select(PledgeRevision)
        .where(PledgeRevision.pledge_id == pledge_id)
        .order_by(PledgeRevision.id)
    )
    return list(rows)
