"""Where the movement stands: per deadline, how many units have submitted, have a draft or have
not started, overall and per emulation group. Pure: it counts what storage loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from handlers.campaign import Campaign, DeadlineSpec
from storage.reminders import UnitState

Stage = Literal["submitted", "draft", "not_started"]
STAGES: tuple[Stage, ...] = ("submitted", "draft", "not_started")


def stage(unit: UnitState) -> Stage:
    if unit.done:
        return "submitted"
    if unit.status is None or not unit.fields:
        return "not_started"
    return "draft"


@dataclass(slots=True)
class Counts:
    submitted: int = 0
    draft: int = 0
    not_started: int = 0

    def add(self, unit: UnitState) -> Stage:
        where = stage(unit)
        setattr(self, where, getattr(self, where) + 1)
        return where

    @property
    def total(self) -> int:
        return self.submitted + self.draft + self.not_started

    def share(self, where: Stage) -> float:
        """The stage's share in whole percents, as `percents()` gives it."""
        return self.percents()[where] / 100

    def percents(self) -> dict[Stage, int]:
        """Submitted and draft rounded as anyone checks them by hand (3 of 54 is 6%, 1 of 8 is
        13%); not started is the rest, so a line adds up to 100."""
        if not self.total:
            return dict.fromkeys(STAGES, 0)
        submitted = (self.submitted * 200 + self.total) // (2 * self.total)  # half up
        draft = (self.draft * 200 + self.total) // (2 * self.total)
        if self.not_started == 0:  # nothing left to absorb rounding: the draft takes it
            draft = 100 - submitted if self.draft else 0
            submitted = 100 - draft
        return {
            "submitted": submitted,
            "draft": draft,
            "not_started": max(0, 100 - submitted - draft),
        }


def as_of(deadline: DeadlineSpec, unit: UnitState) -> UnitState:
    """The unit as a deadline counts it: for a review, its report in place of its pledge."""
    return unit.facing(deadline.key) if deadline.completion == "report_submitted" else unit


def in_audience(deadline: DeadlineSpec, unit: UnitState) -> bool:
    return deadline.audience in ("all", unit.kind)


def tracked(campaign: Campaign) -> list[DeadlineSpec]:
    """The deadlines the bot can tell done from not done (the others are dates only)."""
    return [d for d in campaign.deadlines if d.completion != "nothing"]


@dataclass(slots=True)
class Standing:
    """One deadline: the counts overall and per group (in the campaign's order), and its units."""

    deadline: DeadlineSpec
    overall: Counts = field(default_factory=Counts)
    groups: dict[str, Counts] = field(default_factory=dict)
    units: list[UnitState] = field(default_factory=list)

    def pending(self) -> list[UnitState]:
        return [u for u in self.units if not u.done]


def standing(campaign: Campaign, deadline: DeadlineSpec, units: list[UnitState]) -> Standing:
    found = Standing(deadline, groups={g.key: Counts() for g in campaign.groups})
    for unit in units:
        if not in_audience(deadline, unit):
            continue
        unit = as_of(deadline, unit)
        found.units.append(unit)
        found.overall.add(unit)
        found.groups.setdefault(unit.group or "", Counts()).add(unit)
    found.groups = {key: counts for key, counts in found.groups.items() if counts.total}
    return found
