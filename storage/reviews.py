"""Review reports: one per unit, campaign and review deadline, every change kept as a revision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_insert, held
from storage.models import Report, ReportRevision, Unit

_FIND = select(Report).where(
    Report.unit_id == bindparam("unit"),
    Report.campaign_id == bindparam("campaign"),
    Report.deadline == bindparam("deadline"),
)


async def find_report(
    db: AsyncSession, unit_id: int, campaign_id: int, deadline: str
) -> Report | None:
    found = held(db, Report, unit_id=unit_id, campaign_id=campaign_id, deadline=deadline)
    if found is not None:
        return found  # read already while this message is handled
    return await db.scalar(_FIND, {"unit": unit_id, "campaign": campaign_id, "deadline": deadline})


async def open_report(
    db: AsyncSession,
    unit_id: int,
    campaign_id: int,
    deadline: str,
    pledged: dict[str, Any],
    at: datetime,
) -> Report:
    """The unit's report for a review, created as an empty draft the first time with what the
    pledge said then (two leaders of the unit may race: one row wins)."""
    if (report := await find_report(db, unit_id, campaign_id, deadline)) is not None:
        return report
    await db.execute(
        dialect_insert(db, Report)
        .values(
            unit_id=unit_id,
            campaign_id=campaign_id,
            deadline=deadline,
            status="draft",
            pledged=pledged,
            fields={},
            created_at=at,
            updated_at=at,
            version=1,
        )
        .on_conflict_do_nothing(index_elements=["unit_id", "campaign_id", "deadline"])
    )
    report = await find_report(db, unit_id, campaign_id, deadline)
    assert report is not None
    return report


def _revise(
    db: AsyncSession, report: Report, name: str, old: Any, new: Any, by: int, at: datetime
) -> None:
    db.add(
        ReportRevision(report_id=report.id, field=name, old=old, new=new, by_account_id=by, at=at)
    )


async def set_answer(
    db: AsyncSession, report: Report, name: str, value: Any, *, by: int, at: datetime
) -> bool:
    """Change one answer and keep the old one in the report's history; False if unchanged."""
    old = report.fields.get(name)
    if old == value:
        return False
    fields = {**report.fields, name: value}  # JSON columns don't see in-place edits
    if value is None:
        del fields[name]
    report.fields = fields
    report.updated_at = at
    _revise(db, report, name, old, value, by, at)
    await db.flush()
    return True


async def submit_report(db: AsyncSession, report: Report, *, by: int, at: datetime) -> None:
    report.status, report.submitted_at, report.submitted_by = "submitted", at, by
    report.updated_at = at
    _revise(db, report, "status", "draft", "submitted", by, at)
    await db.flush()


async def unlock_report(
    db: AsyncSession, report: Report, until: datetime, *, by: int, at: datetime
) -> None:
    before = report.unlocked_until
    report.unlocked_until = until
    old = before.isoformat() if before is not None else None
    _revise(db, report, "unlocked_until", old, until.isoformat(), by, at)
    await db.flush()


async def list_revisions(db: AsyncSession, report_id: int) -> list[ReportRevision]:
    rows = await db.scalars(
        select(ReportRevision)
        .where(ReportRevision.report_id == report_id)
        .order_by(ReportRevision.id)
    )
    return list(rows)


async def unit_reports(db: AsyncSession, unit_id: int, campaign_id: int) -> list[Report]:
    rows = await db.scalars(
        select(Report).where(Report.unit_id == unit_id, Report.campaign_id == campaign_id)
    )
    return list(rows)


@dataclass(frozen=True, slots=True)
class ReportMark:
    """Where a unit's report for one review stands, as status views and reminders count it."""

    status: str
    pledged: dict[str, Any]
    fields: dict[str, Any]
    unlocked_until: datetime | None
    submitted_at: datetime | None


_MARKS = select(
    Report.unit_id,
    Report.deadline,
    Report.status,
    Report.pledged,
    Report.fields,
    Report.unlocked_until,
    Report.submitted_at,
).where(Report.campaign_id == bindparam("campaign"))
_MARKS_OF_UNIT = _MARKS.where(Report.unit_id == bindparam("unit"))


async def report_marks(
    db: AsyncSession, campaign_id: int, unit_id: int | None = None
) -> dict[int, dict[str, ReportMark]]:
    """Every report of the campaign's units (or of one unit): unit -> review key -> mark."""
    if unit_id is None:
        rows = await db.execute(_MARKS, {"campaign": campaign_id})
    else:
        rows = await db.execute(_MARKS_OF_UNIT, {"campaign": campaign_id, "unit": unit_id})
    found: dict[int, dict[str, ReportMark]] = {}
    for unit, key, *rest in rows.all():
        found.setdefault(unit, {})[key] = ReportMark(*rest)
    return found


async def report_rows(
    db: AsyncSession, campaign_id: int, deadline: str
) -> list[tuple[Unit, Report | None]]:
    """The campaign's active units with their report for one review, by code."""
    query = (
        select(Unit, Report)
        .outerjoin(
            Report,
            and_(
                Report.unit_id == Unit.id,
                Report.campaign_id == campaign_id,
                Report.deadline == deadline,
            ),
        )
        .where(Unit.campaign_id == campaign_id, Unit.active)
        .order_by(Unit.code)
    )
    return [(unit, report) for unit, report in (await db.execute(query)).all()]
