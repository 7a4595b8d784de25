"""What the office reads: every unit with its pledge, the pledges' and reports' history, who is
linked where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account, Pledge, PledgeRevision, Report, ReportRevision, Unit
from storage.reminders import UnitState


@dataclass(frozen=True, slots=True)
class PledgeRow:
    """A unit and its pledge as the export shows it (pledge None: not started)."""

    unit: Unit
    pledge: Pledge | None

    @property
    def state(self) -> UnitState:
        """Where the unit stands, as the status views and the reminders count it."""
        unit, pledge = self.unit, self.pledge
        return UnitState(
            unit.id,
            unit.code,
            unit.name,
            unit.kind,
            unit.group,
            pledge.status if pledge else None,
            pledge.fields if pledge else {},
            pledge.unlocked_until if pledge else None,
        )


@dataclass(frozen=True, slots=True)
class Change:
    """One revision of a pledge, with the unit and the person who made it."""

    at: datetime
    unit_code: str
    unit_name: str
    field: str
    old: Any
    new: Any
    by: str | None  # the person's name as the platform gave it
    by_channel: str | None
    by_id: int | None  # their account: two people without a name are still two


@dataclass(frozen=True, slots=True)
class Linked:
    """Someone linked to a unit, as the office sees them."""

    unit_id: int
    name: str | None
    channel: str
    role: str


async def pledge_rows(
    db: AsyncSession, campaign_id: int, unit_id: int | None = None
) -> list[PledgeRow]:
    """The campaign's active units (or the one `unit_id`) with their pledges, by code."""
    query = (
        select(Unit, Pledge)
        .outerjoin(Pledge, and_(Pledge.unit_id == Unit.id, Pledge.campaign_id == campaign_id))
        .where(Unit.campaign_id == campaign_id, Unit.active)
        .order_by(Unit.code)
    )
    if unit_id is not None:
        query = query.where(Unit.id == unit_id)
    return [PledgeRow(unit, pledge) for unit, pledge in (await db.execute(query)).all()]


async def changes(
    db: AsyncSession, campaign_id: int, unit_id: int | None = None, *, latest: int | None = None
) -> list[Change]:
    """Every revision of the campaign's pledges (or of one unit's), oldest first; `latest`
    keeps only that many of the newest."""
    query = (
        select(
            PledgeRevision.at,
            Unit.code,
            Unit.name,
            PledgeRevision.field,
            PledgeRevision.old,
            PledgeRevision.new,
            Account.display_name,
            Account.channel,
            PledgeRevision.by_account_id,
        )
        .join(Pledge, Pledge.id == PledgeRevision.pledge_id)
        .join(Unit, Unit.id == Pledge.unit_id)
        .outerjoin(Account, Account.id == PledgeRevision.by_account_id)
        .where(Pledge.campaign_id == campaign_id)
        .order_by(PledgeRevision.id.desc() if latest else PledgeRevision.id)
    )
    if unit_id is not None:
        query = query.where(Pledge.unit_id == unit_id)
    if latest:
        query = query.limit(latest)
    rows = [Change(*row) for row in (await db.execute(query)).all()]
    return rows[::-1] if latest else rows


async def count_changes(db: AsyncSession, campaign_id: int, unit_id: int) -> int:
    query = (
        select(func.count(PledgeRevision.id))
        .join(Pledge, Pledge.id == PledgeRevision.pledge_id)
        .where(Pledge.campaign_id == campaign_id, Pledge.unit_id == unit_id)
    )
    return int(await db.scalar(query) or 0)


async def linked_people(
    db: AsyncSession, campaign_id: int, unit_id: int | None = None
) -> dict[int, list[Linked]]:
    """Who is linked to each unit of the campaign (or to the one `unit_id`), leaders first."""
    query = (
        select(Account.unit_id, Account.display_name, Account.channel, Account.role)
        .join(Unit, Unit.id == Account.unit_id)
        .where(Unit.campaign_id == campaign_id)
        .order_by(Account.id)
    )
    if unit_id is not None:
        query = query.where(Unit.id == unit_id)
    rows = await db.execute(query)
    people: dict[int, list[Linked]] = {}
    for unit, name, channel, role in rows.all():
        assert unit is not None  # joined on it
        people.setdefault(unit, []).append(Linked(unit, name, channel, role))
    for found in people.values():
        found.sort(key=lambda p: p.role != "leader")
    return people


async def report_changes(db: AsyncSession, campaign_id: int) -> list[Change]:
    """Every revision of the campaign's review reports, oldest first; a change's field is
    "<review>/<answer>" ("mid_year/result.2")."""
    query = (
        select(
            ReportRevision.at,
            Unit.code,
            Unit.name,
            Report.deadline,
            ReportRevision.field,
            ReportRevision.old,
            ReportRevision.new,
            Account.display_name,
            Account.channel,
            ReportRevision.by_account_id,
        )
        .join(Report, Report.id == ReportRevision.report_id)
        .join(Unit, Unit.id == Report.unit_id)
        .outerjoin(Account, Account.id == ReportRevision.by_account_id)
        .where(Report.campaign_id == campaign_id)
        .order_by(ReportRevision.id)
    )
    return [
        Change(at, code, name, f"{review}/{field}", old, new, by, channel, by_id)
        for at, code, name, review, field, old, new, by, channel, by_id in (
            await db.execute(query)
        ).all()
    ]
