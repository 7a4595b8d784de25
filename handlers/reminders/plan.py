"""When each reminder step of a deadline goes out: pure arithmetic on the campaign's plan.

A step is a day before the deadline at the plan's send time (or, once overdue, every few days
after it). A moment that falls on a weekend (when weekends do not count) waits for Monday; one
in quiet hours waits for their end. A tick sends the latest step whose moment is new since the
previous tick, so downtime across several steps sends only the last of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from handlers.campaign import Campaign, DeadlineSpec, ReminderPlan

SNOOZE = timedelta(days=1)
SNOOZE_ENDS_BEFORE_DUE = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Step:
    number: int  # days before the deadline; -1, -2 …: the first, second … overdue reminder
    at: datetime

    @property
    def overdue(self) -> bool:
        return self.number < 0


def in_quiet_hours(moment: datetime, plan: ReminderPlan, zone: tzinfo) -> bool:
    quiet = plan.quiet
    if quiet is None:
        return False
    start, end = quiet
    clock = moment.astimezone(zone).time()
    return start <= clock < end if start < end else clock >= start or clock < end


def may_send(moment: datetime, plan: ReminderPlan, zone: tzinfo) -> bool:
    """Outside quiet hours and, when weekends do not count, on a weekday."""
    weekday = moment.astimezone(zone).weekday() < 5
    return (plan.weekends or weekday) and not in_quiet_hours(moment, plan, zone)


def allowed(moment: datetime, plan: ReminderPlan, zone: tzinfo) -> datetime:
    """The moment itself, or the first one after it outside quiet hours and, when weekends
    do not count, on a weekday."""
    for _ in range(4):  # a quiet night's end may be a Saturday, and so on: settles quickly
        local = moment.astimezone(zone)
        if not plan.weekends and local.weekday() >= 5:
            monday = local.date() + timedelta(days=7 - local.weekday())
            moment = _at(monday, plan.send_time, zone)
            continue
        if in_quiet_hours(moment, plan, zone):
            assert plan.quiet is not None
            end = plan.quiet[1]
            day = local.date() if local.time() < end else local.date() + timedelta(days=1)
            moment = _at(day, end, zone)
            continue
        break
    return moment


def _at(day: date, clock: time, zone: tzinfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone)


def steps(campaign: Campaign, deadline: DeadlineSpec) -> list[Step]:
    """Every step of a deadline, in time order, in the campaign's timezone. Steps before the
    deadline that would only go out after it are left out; overdue steps exist only where
    something completes it."""
    plan, zone = campaign.plan_for(deadline), campaign.zone
    due = campaign.due_at(deadline)
    due_day = due.astimezone(zone).date()
    found: dict[datetime, Step] = {}
    for days in sorted(plan.steps_days, reverse=True):
        at = allowed(_at(due_day - timedelta(days=days), plan.send_time, zone), plan, zone)
        if at < due:
            found[at] = Step(days, at)  # two steps moved to one moment: the later one stays
    if deadline.completion != "nothing":
        for times in range(1, plan.overdue_times + 1):
            day = due_day + timedelta(days=times * plan.overdue_every_days)
            at = allowed(_at(day, plan.send_time, zone), plan, zone)
            if at > due:
                found[at] = Step(-times, at)
    return sorted(found.values(), key=lambda s: s.at)


def due_step(all_steps: list[Step], since: datetime, now: datetime) -> Step | None:
    """The latest step whose moment came after `since` and by `now`."""
    due = [s for s in all_steps if since < s.at <= now]
    return due[-1] if due else None


def snooze_until(
    now: datetime, due: datetime, plan: ReminderPlan, zone: tzinfo
) -> datetime | None:
    """When a snoozed reminder comes back: a day later, but before the deadline, outside
    quiet hours. None when the deadline is too close for a later reminder to help."""
    until = now + SNOOZE
    if due > now:
        until = min(until, due - SNOOZE_ENDS_BEFORE_DUE)
        if until <= now + timedelta(minutes=5):
            return None
    moved = allowed(until, plan, zone)
    if moved != until and due > now and moved >= due - SNOOZE_ENDS_BEFORE_DUE and plan.quiet:
        # the night ends too late: come back before it starts instead
        evening = _at(until.astimezone(zone).date(), plan.quiet[0], zone) - timedelta(hours=1)
        if evening > until:
            evening -= timedelta(days=1)
        return evening if evening > now else None
    return moved


def digest_moment(campaign: Campaign, day: date) -> datetime | None:
    """When the office's digest of `day` goes out; None on a weekend that does not count."""
    plan, zone = campaign.reminders, campaign.zone
    if not plan.weekends and day.weekday() >= 5:
        return None
    return allowed(_at(day, plan.send_time, zone), plan, zone)


def active(campaign: Campaign, deadline: DeadlineSpec, now: datetime) -> bool:
    """Whether the office hears about a deadline today: something completes it, its first
    step has come, and its last step is at most a day old."""
    if deadline.completion == "nothing":
        return False
    all_steps = steps(campaign, deadline)
    if not all_steps:
        return False
    end = max(all_steps[-1].at, campaign.due_at(deadline)) + timedelta(days=1)
    return all_steps[0].at <= now <= end
