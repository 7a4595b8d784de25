"""The tick: which reminders, snoozed reminders and digests are due, claimed once, queued.

Everything is read from the data at each tick: the campaign's plan, who has completed what,
who is linked and reachable. Claims, queued messages and the tick's moment are written in one
transaction, so a crash mid-tick loses nothing and repeats nothing.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.campaign import Campaign, DeadlineSpec
from handlers.office.reports.standing import as_of
from handlers.reminders import message, plan
from handlers.reminders.message import answered
from handlers.reminders.reach import figures, meant_for
from handlers.types import Button, Reply, Voice, pack, why_unreachable
from storage import accounts, outbox, reminders
from storage.db import Database
from storage.models import Deadline
from storage.outbox import Queued
from storage.reminders import Person, UnitState

log = logging.getLogger(__name__)
FIRST_LOOK = timedelta(minutes=1)  # the very first tick looks back this far, no further
WITHOUT_BUTTONS = ("zalo_bot",)  # where a reminder says what to type instead


@dataclass(slots=True)
class Tick:
    """What one tick did: reminders claimed per (deadline, step), messages queued."""

    claimed: dict[tuple[str, int], int] = field(default_factory=dict)
    queued: int = 0
    snoozed: int = 0
    digest: int = 0


class Reminders:
    def __init__(
        self,
        db: Database,
        campaign: Callable[[], Campaign],
        catalogs: Mapping[str, gettext.NullTranslations],
        zone: tzinfo,
        now: Callable[[], datetime],
        *,
        queued: Callable[[], None] = lambda: None,
    ) -> None:
        self._db, self._campaign, self._catalogs = db, campaign, catalogs
        self._zone, self._now, self._queued = zone, now, queued
        self._voices: dict[str, Voice] = {}

    def voice(self, locale: str) -> Voice:
        locale = locale if locale in self._catalogs else "vi"
        if (voice := self._voices.get(locale)) is None:
            voice = self._voices[locale] = Voice(locale, self._catalogs, self._zone)
        return voice

    async def tick(self) -> Tick:
        campaign, now, done = self._campaign(), self._now(), Tick()
        async with self._db.transaction() as session:
            before = await reminders.advance_clock(session, campaign.id, now)
            if before is not None and before >= now:
                return done  # another instance ticked this moment already
            since = before or now - FIRST_LOOK
            units = await reminders.unit_states(session, campaign.id)
            linked = await reminders.linked_accounts(session, campaign.id)
            rows = await reminders.deadlines(session, campaign.id)
            for deadline in campaign.deadlines:
                row = rows.get(deadline.key)
                if row is None or not plan.may_send(
                    now, campaign.plan_for(deadline), campaign.zone
                ):
                    continue  # quiet hours, or a weekend that does not count: a missed step waits
                step = plan.due_step(plan.steps(campaign, deadline), row.checked_at or since, now)
                row.checked_at = now
                if step is not None:
                    await self._claim(session, campaign, deadline, row, step, units, linked, done)
            if plan.may_send(now, campaign.reminders, campaign.zone):
                done.snoozed = await self._snoozed(session, campaign, now, units)
                done.digest = await self._digest(session, campaign, now, units, linked)
                done.queued += done.snoozed + done.digest
        if done.queued:
            self._queued()
        if done.claimed or done.queued:
            steps = ", ".join(
                f"{key} step {step}: {n} units" for (key, step), n in done.claimed.items()
            )
            log.info(
                "reminder tick at %s: %s; %d messages queued (%d snoozed, %d digests)",
                f"{now.astimezone(campaign.zone):%Y-%m-%d %H:%M}",
                steps or "no step due",
                done.queued,
                done.snoozed,
                done.digest,
            )
        return done

    async def _claim(
        self,
        session: AsyncSession,
        campaign: Campaign,
        deadline: DeadlineSpec,
        row: Deadline,
        step: plan.Step,
        units: list[UnitState],
        linked: dict[int, list[Person]],
        done: Tick,
    ) -> None:
        now = self._now()
        pending = [as_of(deadline, u) for u in units if meant_for(deadline, u) and u.id in linked]
        reach = {
            u.id: [a for a in linked[u.id] if why_unreachable(a, now) is None] for u in pending
        }
        won = await reminders.claim_reminders(
            session, row, step.number, {u: len(r) for u, r in reach.items()}, now
        )
        queued: list[Queued] = []
        templates: dict[tuple[object, ...], Reply] = {}  # thousands of units, a few wordings
        for unit in pending:
            if (reminder_id := won.get(unit.id)) is None:
                continue
            for person in reach[unit.id]:
                typed = person.channel in WITHOUT_BUTTONS
                state = (unit.status, bool(unit.fields), answered(campaign, unit))
                key = (person.locale, typed, *state, unit.unlocked_until, unit.pledge)
                if key not in templates:
                    blank = replace(unit, name=NAME)
                    templates[key] = self._reminder(
                        campaign, deadline, blank, 0, person.locale, typed
                    )
                reply = _filled(templates[key], unit.name, reminder_id)
                queued.append(Queued(person.id, person.chat_id, pack([reply]), reminder_id))
        if won:
            await reminders.supersede(session, row.id, now)
        await outbox.enqueue_each(session, queued, "reminder", now)
        done.claimed[(deadline.key, step.number)] = len(won)
        done.queued += len(queued)

    def _reminder(
        self,
        campaign: Campaign,
        deadline: DeadlineSpec,
        unit: UnitState,
        reminder_id: int,
        locale: str,
        typed: bool = False,
    ) -> Reply:
        now = self._now()
        open_until = unit.unlocked_until
        may_register = now < campaign.due_at(deadline) or (
            open_until is not None and now < open_until
        )
        return message.reminder(
            self.voice(locale),
            campaign,
            deadline,
            unit,
            reminder_id=reminder_id,
            now=now,
            may_register=may_register,
            typed=typed,
        )

    async def _snoozed(
        self, session: AsyncSession, campaign: Campaign, now: datetime, states: list[UnitState]
    ) -> int:
        """Snoozed reminders whose day is over, to the person who snoozed, unless completed."""
        claimed = await reminders.claim_snoozes(session, now)
        if not claimed:
            return 0
        units = {u.id: u for u in states}
        queued: list[Queued] = []
        for reminder_id, account_id in claimed:
            found = await reminders.find_reminder(session, reminder_id)
            person = await accounts.get_account(session, account_id)
            if found is None or person is None or why_unreachable(person, now) is not None:
                continue
            row, deadline_row = found
            if await reminders.superseded(session, row):
                continue  # a newer reminder of the deadline came meanwhile: this one is stale
            deadline = campaign.deadline(deadline_row.key)
            unit = units.get(row.unit_id)
            if deadline is None or unit is None or not meant_for(deadline, unit):
                continue
            reply = self._reminder(
                campaign,
                deadline,
                as_of(deadline, unit),
                reminder_id,
                person.locale,
                person.channel in WITHOUT_BUTTONS,
            )
            queued.append(Queued(person.id, person.chat_id, pack([reply]), reminder_id))
        return await outbox.enqueue_each(session, queued, "reminder", now)

    async def _digest(
        self,
        session: AsyncSession,
        campaign: Campaign,
        now: datetime,
        units: list[UnitState],
        linked: dict[int, list[Person]],
    ) -> int:
        """The office's digest, from the send time of days when some unit is pending (or the
        first tick after it, if the bot was down), once a day."""
        today = now.astimezone(campaign.zone).date()
        moment = plan.digest_moment(campaign, today)
        if moment is None or moment > now:
            return 0
        sections = figures(campaign, now, units, linked)
        if not any(s.pending for s in sections):
            return 0
        if not await reminders.claim_digest(session, campaign.id, today, now):
            return 0
        queued = [
            Queued(
                p.id,
                p.chat_id,
                pack([message.digest(self.voice(p.locale), campaign, sections, now)]),
            )
            for p in await accounts.list_office_accounts(session, None)
            if p.digest and why_unreachable(p, now) is None
        ]
        return await outbox.enqueue_each(session, queued, "digest", now)


NAME = "\x00unit\x00"  # where a reminder template names its unit


def _filled(template: Reply, unit_name: str, reminder_id: int) -> Reply:
    """A reminder template for one unit: its name, and its reminder in the buttons."""
    buttons = tuple(
        Button(b.label, b.payload.removesuffix(":0") + f":{reminder_id}")
        if b.payload.startswith("rem:")
        else b
        for b in template.buttons
    )
    return replace(template, text=template.text.replace(NAME, unit_name), buttons=buttons)
