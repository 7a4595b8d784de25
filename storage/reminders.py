"""Reminder claims, snoozes and the morning digest: once each, across restarts and instances.

A tick claims (deadline, unit, step) by inserting a `reminder` row; the unique key lets only one
instance win it. A queued reminder whose unit has meanwhile completed the deadline is cancelled
before it goes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CompoundSelect, Select, Table, and_, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Account,
    Campaign,
    Deadline,
    Digest,
    Outbox,
    Pledge,
    Reminder,
    ReminderSnooze,
    Report,
    Unit,
)
from storage.pledges import SUBMITTED
from storage.reviews import ReportMark, report_marks

DONE = SUBMITTED  # statuses of a pledge, or a report, that complete their deadline


@dataclass(frozen=True, slots=True)
class UnitState:
    """A unit and where its pledge stands (status None: not started); facing a review, where
    its report for that review stands instead."""

    id: int
    code: str
    name: str
    kind: str
    group: str | None
    status: str | None
    fields: dict[str, Any]
    unlocked_until: datetime | None = None
    reports: dict[str, ReportMark] = field(default_factory=dict)
    review: str | None = None  # the review deadline this state is of; None: the pledge
    pledged: dict[str, Any] = field(default_factory=dict)  # what the report is measured against
    contact: dict[str, Any] = field(default_factory=dict)  # the pledge's answers, for contacts
    pledge: str | None = None  # facing a review: the pledge's status (None: not started)

    @property
    def done(self) -> bool:
        return self.status in DONE

    @property
    def pledge_fields(self) -> dict[str, Any]:
        """The pledge's answers (its contact person), whatever this state is of."""
        return self.contact if self.review is not None else self.fields

    def facing(self, review: str) -> UnitState:
        """The unit as a review sees it: its report for that review in place of its pledge."""
        mark = self.reports.get(review)
        return replace(
            self,
            status=mark.status if mark else None,
            fields=mark.fields if mark else {},
            unlocked_until=mark.unlocked_until if mark else None,
            review=review,
            pledged=mark.pledged if mark else {},
            contact=self.fields if self.review is None else self.contact,
            pledge=self.status if self.review is None else self.pledge,
        )


async def advance_clock(db: AsyncSession, campaign_id: int, now: datetime) -> datetime | None:
    """The previous tick's moment (None: never ticked); records `now` as the latest. Other
    instances' ticks wait for this transaction, then see `now`."""
    row = await db.scalar(select(Campaign).where(Campaign.id == campaign_id).with_for_update())
    if row is None:
        raise LookupError(f"no campaign {campaign_id}")
    before = row.ticked_at
    if before is None or now > before:
        row.ticked_at = now
    return before


_STATES = (  # built once, so that the compiled-statement cache is hit without work
    select(
        Unit.id,
        Unit.code,
        Unit.name,
        Unit.kind,
        Unit.group,
        Pledge.status,
        Pledge.fields,
        Pledge.unlocked_until,
    )
    .outerjoin(
        Pledge, and_(Pledge.unit_id == Unit.id, Pledge.campaign_id == bindparam("campaign"))
    )
    .where(Unit.campaign_id == bindparam("campaign"), Unit.active)
    .order_by(Unit.code)
)
_STATE_OF_UNIT = _STATES.where(Unit.id == bindparam("unit"))


async def unit_states(
    db: AsyncSession, campaign_id: int, unit_id: int | None = None
) -> list[UnitState]:
    """The campaign's active units (or the one `unit_id`) with their pledge's state."""
    if unit_id is None:
        rows = await db.execute(_STATES, {"campaign": campaign_id})
    else:
        rows = await db.execute(_STATE_OF_UNIT, {"campaign": campaign_id, "unit": unit_id})
    marks = await report_marks(db, campaign_id, unit_id)
    return [
        UnitState(
            unit, code, name, kind, group, status, fields or {}, unlocked, marks.get(unit, {})
        )
        for unit, code, name, kind, group, status, fields, unlocked in rows.all()
    ]


@dataclass(frozen=True, slots=True)
class Person:
    """A linked account, as much of it as reaching the person needs."""

    id: int
    unit_id: int
    channel: str
    chat_id: str | None
    locale: str
    blocked: bool
    last_inbound_at: datetime | None


async def linked_accounts(db: AsyncSession, campaign_id: int) -> dict[int, list[Person]]:
    """The leaders linked to each unit of the campaign (the office's own people, linked to
    their department, get the digest instead of its reminders)."""
    rows = await db.execute(
        select(
            Account.id,
            Account.unit_id,
            Account.channel,
            Account.chat_id,
            Account.locale,
            Account.blocked,
            Account.last_inbound_at,
        )
        .join(Unit, Unit.id == Account.unit_id)
        .where(Unit.campaign_id == campaign_id, Account.role == "leader")
        .order_by(Account.id)
    )
    linked: dict[int, list[Person]] = {}
    for account, unit, channel, chat, locale, blocked, last in rows.all():
        assert unit is not None  # joined on it
        linked.setdefault(unit, []).append(
            Person(account, unit, channel, chat, locale, blocked, last)
        )
    return linked


def _insert(db: AsyncSession, table: Any) -> Any:
    dialect = db.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(table)


async def claim_reminders(
    db: AsyncSession,
    deadline: Deadline,
    step: int,
    reached: dict[int, int],
    at: datetime,
) -> dict[int, int]:
    """Claim the step for these units (unit id -> messages it will get); returns unit id ->
    reminder id for the claims this call won (another instance may have won the rest)."""
    if not reached:
        return {}
    table = cast(Table, Reminder.__table__)
    statement = (
        _insert(db, table)
        .on_conflict_do_nothing(index_elements=["deadline_id", "unit_id", "due_at", "step"])
        .returning(table.c.unit_id, table.c.id)
    )
    won: dict[int, int] = {}
    rows = [
        {
            "deadline_id": deadline.id,
            "unit_id": unit,
            "due_at": deadline.due_at,
            "step": step,
            "claimed_at": at,
            "reached": n,
        }
        for unit, n in reached.items()
    ]
    for start in range(0, len(rows), 1000):
        result = await db.execute(statement, rows[start : start + 1000])
        won.update({unit: reminder for unit, reminder in result.all()})
    return won


def _completed(reminder_id: int | None = None) -> CompoundSelect[Any]:
    """Reminders (or the one) whose unit has completed their deadline: its pledge, or its
    review report."""
    pledged = (
        select(Reminder.id)
        .join(Deadline, Deadline.id == Reminder.deadline_id)
        .join(
            Pledge,
            and_(Pledge.unit_id == Reminder.unit_id, Pledge.campaign_id == Deadline.campaign_id),
        )
        .where(Deadline.done_when == "pledge_submitted", Pledge.status.in_(DONE))
    )
    reported = (
        select(Reminder.id)
        .join(Deadline, Deadline.id == Reminder.deadline_id)
        .join(
            Report,
            and_(
                Report.unit_id == Reminder.unit_id,
                Report.campaign_id == Deadline.campaign_id,
                Report.deadline == Deadline.key,
            ),
        )
        .where(Deadline.done_when == "report_submitted", Report.status.in_(DONE))
    )
    if reminder_id is not None:
        pledged = pledged.where(Reminder.id == reminder_id)
        reported = reported.where(Reminder.id == reminder_id)
    return pledged.union_all(reported)


async def cancel_completed(
    db: AsyncSession, at: datetime, accounts: Select[Any] | None = None
) -> None:
    """Queued reminders (of these accounts) whose unit completed the deadline: cancelled."""
    condition = [
        Outbox.status == "pending",
        Outbox.reminder_id.is_not(None),
        Outbox.reminder_id.in_(_completed()),
    ]
    if accounts is not None:
        condition.append(Outbox.account_id.in_(accounts))
    await db.execute(
        update(Outbox)
        .where(*condition)
        .values(status="cancelled", last_error="completed before it was sent", sent_at=at)
        .execution_options(synchronize_session=False)
    )


async def supersede(db: AsyncSession, deadline_id: int, claimed_before: datetime) -> None:
    """Reminders of a deadline still waiting to go out (a web page not opened since) are
    dropped once a newer step is claimed: the reader gets the newest, not a pile."""
    older = select(Reminder.id).where(
        Reminder.deadline_id == deadline_id, Reminder.claimed_at < claimed_before
    )
    await db.execute(
        update(Outbox)
        .where(Outbox.status == "pending", Outbox.reminder_id.in_(older))
        .values(
            status="cancelled", last_error="a newer reminder replaced it", sent_at=claimed_before
        )
        .execution_options(synchronize_session=False)
    )


async def is_completed(db: AsyncSession, reminder_id: int) -> bool:
    return await db.scalar(_completed(reminder_id)) is not None


async def find_reminder(db: AsyncSession, reminder_id: int) -> tuple[Reminder, Deadline] | None:
    row = (
        await db.execute(
            select(Reminder, Deadline)
            .join(Deadline, Deadline.id == Reminder.deadline_id)
            .where(Reminder.id == reminder_id)
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


async def superseded(db: AsyncSession, reminder: Reminder) -> bool:
    """Whether a later step of the same deadline has been claimed for the unit since."""
    later = await db.scalar(
        select(Reminder.id)
        .where(
            Reminder.deadline_id == reminder.deadline_id,
            Reminder.unit_id == reminder.unit_id,
            Reminder.id > reminder.id,
        )
        .limit(1)
    )
    return later is not None


async def latest_for(db: AsyncSession, account_id: int) -> int | None:
    """The reminder most recently sent to this person."""
    return await db.scalar(
        select(Outbox.reminder_id)
        .where(
            Outbox.account_id == account_id,
            Outbox.reminder_id.is_not(None),
            Outbox.status == "sent",
        )
        .order_by(Outbox.id.desc())
        .limit(1)
    )


async def snooze(db: AsyncSession, reminder_id: int, account_id: int, until: datetime) -> None:
    """The reminder again for this person at `until` (a later press moves it)."""
    row = await db.scalar(
        select(ReminderSnooze).where(
            ReminderSnooze.reminder_id == reminder_id, ReminderSnooze.account_id == account_id
        )
    )
    if row is None:
        db.add(ReminderSnooze(reminder_id=reminder_id, account_id=account_id, until=until))
    else:
        row.until, row.sent_at = until, None
    await db.flush()


async def claim_snoozes(db: AsyncSession, now: datetime) -> list[tuple[int, int]]:
    """Snoozes that have ended, each claimed once: (reminder id, account id)."""
    result = await db.execute(
        update(ReminderSnooze)
        .where(ReminderSnooze.sent_at.is_(None), ReminderSnooze.until <= now)
        .values(sent_at=now)
        .returning(ReminderSnooze.reminder_id, ReminderSnooze.account_id)
        .execution_options(synchronize_session=False)
    )
    return [(reminder, account) for reminder, account in result.all()]


async def claim_digest(db: AsyncSession, campaign_id: int, day: date, at: datetime) -> bool:
    """Whether this call won the digest of `day`."""
    result = await db.execute(
        _insert(db, Digest)
        .values(campaign_id=campaign_id, day=day, claimed_at=at, reached=0)
        .on_conflict_do_nothing(index_elements=["campaign_id", "day"])
        .returning(Digest.id)
    )
    return result.first() is not None


async def sent_since(db: AsyncSession, campaign_id: int, since: datetime) -> list[Any]:
    """(deadline key, step, channel, messages sent) for reminders sent since `since`."""
    rows = await db.execute(
        select(Deadline.key, Reminder.step, Account.channel, func.count(Outbox.id))
        .join(Reminder, Reminder.id == Outbox.reminder_id)
        .join(Deadline, Deadline.id == Reminder.deadline_id)
        .join(Account, Account.id == Outbox.account_id)
        .where(
            Deadline.campaign_id == campaign_id,
            Outbox.status == "sent",
            Outbox.sent_at >= since,
        )
        .group_by(Deadline.key, Reminder.step, Account.channel)
        .order_by(Deadline.key, Reminder.step.desc(), Account.channel)
    )
    return list(rows.all())


async def deadlines(db: AsyncSession, campaign_id: int) -> dict[str, Deadline]:
    rows = await db.scalars(select(Deadline).where(Deadline.campaign_id == campaign_id))
    return {row.key: row for row in rows}
