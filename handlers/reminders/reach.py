"""Who a deadline's reminder is for, and where each deadline stands for the office."""

from __future__ import annotations

from datetime import datetime

from handlers.campaign import Campaign, DeadlineSpec
from handlers.office.reports.standing import as_of, in_audience
from handlers.reminders import plan
from handlers.reminders.message import DeadlineFigures
from handlers.types import why_unreachable
from storage.reminders import Person, UnitState


def meant_for(deadline: DeadlineSpec, unit: UnitState) -> bool:
    """Whether a unit still owes this deadline (of its audience, and not completed)."""
    done = deadline.completion != "nothing" and as_of(deadline, unit).done
    return in_audience(deadline, unit) and not done


def figures(
    campaign: Campaign,
    now: datetime,
    units: list[UnitState],
    linked: dict[int, list[Person]],
) -> list[DeadlineFigures]:
    """Each active deadline: counts, pending units by group, units nobody can be reached at."""
    sections = []
    for deadline in campaign.deadlines:
        if not plan.active(campaign, deadline, now):
            continue
        section = DeadlineFigures(deadline)
        for unit in units:
            if not in_audience(deadline, unit):
                continue
            unit = as_of(deadline, unit)
            section.add(unit, campaign.group_name(unit.group))
            people = linked.get(unit.id, [])
            if unit.done:
                continue
            if not people:
                section.unlinked += 1
            elif all(why_unreachable(p, now) for p in people):
                section.unreachable.append(unit)
        sections.append(section)
    return sections
