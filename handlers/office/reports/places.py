"""What the office names after a command: an emulation group or a unit, as people type them
("kinh te", "Khối nội chính", "HOIAN", "Hội An", "ubnd tam ky"), or the closest guess."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from handlers.campaign import Group
from handlers.office.audience import find_units
from handlers.text import fold
from handlers.types import Context
from storage.models import Unit

_GROUP_PREFIX = re.compile(r"^(khoi|cum)( thi dua)?( cac)?( co quan| don vi| huyen)?\s*")


@dataclass(frozen=True, slots=True)
class Place:
    """What was named: one group, some units, or nothing (with the closest names, if any)."""

    group: Group | None = None
    units: tuple[Unit, ...] = ()
    closest: tuple[tuple[str, str], ...] = ()  # (code or group key, name), to offer as buttons


def group_names(group: Group) -> set[str]:
    folded = fold(group.name)
    return {
        fold(group.key),
        fold(group.key.replace("_", " ")),
        folded,
        _GROUP_PREFIX.sub("", folded),
    }


def find_group(groups: list[Group], typed: str) -> Group | None:
    """By key or name (exact, folded), else the one group whose name contains the words."""
    words = fold(typed)
    for group in groups:
        if words in group_names(group):
            return group
    if len(words) >= 4:
        holding = [g for g in groups if f" {words} " in f" {fold(g.name)} "]
        if len(holding) == 1:
            return holding[0]
    return None


async def find_place(ctx: Context, typed: str) -> Place:
    groups = ctx.campaign.groups
    if (group := find_group(groups, typed)) is not None:
        return Place(group=group)
    units, unknown = await find_units(ctx, typed)
    if units and not unknown:
        return Place(units=tuple(units))
    closest = [(unit.code, unit.name) for _, unit in unknown if unit is not None]
    names = {fold(g.name): g for g in groups}
    close = process.extractOne(
        fold(typed), list(names), scorer=fuzz.partial_ratio, score_cutoff=80
    )
    if close is not None:
        closest.append((names[close[0]].key, names[close[0]].name))
    return Place(closest=tuple(dict.fromkeys(closest))[:3])
