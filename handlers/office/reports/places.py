"""What the office names after a command: an emulation group or a unit, as people type them
("kinh te", "Khối nội chính", "HOIAN", "Hội An", "ubnd tam ky"), or the closest guess."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from handlers.campaign import Group
from handlers.office.audience import lookup, match_units, unit_index
from handlers.text import fold, words
from handlers.types import Context
from storage.campaigns import list_units
from storage.models import Unit

_GROUP_PREFIX = re.compile(r"^(khoi|cum)( thi dua)?( cac)?( co quan| don vi| huyen)?\s*")


@dataclass(frozen=True, slots=True)
class Place:
    """What was named: one group, some units, or nothing (with the closest names, if any)."""

    group: Group | None = None
    units: tuple[Unit, ...] = ()
    closest: tuple[tuple[str, str], ...] = ()  # (code or group key, name), to offer as buttons


def group_names(group: Group) -> set[str]:
    """A group's key and name, with and without "Khối các cơ quan", punctuation or "thi đua"."""
    return set(_names_of(group.key, group.name))


@functools.lru_cache(maxsize=1024)  # read for every question about the movement
def _names_of(key: str, name: str) -> frozenset[str]:
    folded = fold(name)
    plain_words = " ".join(words(name))
    plain = plain_words.replace(" thi dua ", " ")
    return frozenset(
        {
            fold(key),
            fold(key.replace("_", " ")),
            folded,
            plain_words,
            plain,
            _GROUP_PREFIX.sub("", folded),
            _GROUP_PREFIX.sub("", plain_words),
            _GROUP_PREFIX.sub("", plain).removeprefix("cac "),
        }
    )


def tail(group: Group) -> str:
    """The words that tell a group from the others: "dong bang", "mien nui", "kinh te"."""
    return " ".join(words(group.name)[-2:])


def find_group(groups: list[Group], typed: str) -> Group | None:
    """By key or name (exact, folded), else the one group whose name contains the words."""
    wanted = fold(typed)
    for group in groups:
        if wanted in group_names(group):
            return group
    if len(wanted) >= 4:
        said = " ".join(words(typed))  # "huyen" is in "các huyện, thị xã" too
        holding = [g for g in groups if f" {said} " in f" {' '.join(words(g.name))} "]
        if len(holding) == 1:
            return holding[0]
    return None


_SHORT = {  # short forms officials type for the words of unit names
    "tp": "thanh pho",
    "tx": "thi xa",
    "h": "huyen",
    "qn": "quang nam",
    "ca": "cong an",
    "vp": "van phong",
    "bch": "bo chi huy",
    "qs": "quan su",
    "bdbp": "bo doi bien phong",
}


def words_of(typed: str) -> str:
    """Folded, with the usual short forms written out: "tp hoi an" -> "thanh pho hoi an"."""
    return " ".join(_SHORT.get(word, word) for word in fold(typed).split())


def containing(units: list[Unit], typed: str) -> list[Unit]:
    """Units whose name or alias has all these words, in any order ("kho bac", "cong an",
    "tra my", "kho bac quang nam")."""
    wanted = set(words(typed))
    if len(typed) < 3 or not wanted:
        return []
    return [
        unit
        for unit in units
        if any(wanted <= set(words(name)) for name in (unit.name, *unit.aliases))
    ]


async def find_place(ctx: Context, typed: str) -> Place:
    groups = ctx.campaign.groups
    if (group := find_group(groups, typed)) is not None:
        return Place(group=group)
    every = await list_units(ctx.db, ctx.campaign.id)
    index = unit_index(every)
    named = words_of(typed)
    if (unit := lookup(index, named)) is not None:
        return Place(units=(unit,))
    units, unknown = match_units(index, typed)
    if units and not unknown:
        return Place(units=tuple(units))
    held = containing(every, named)
    if len(held) == 1:
        return Place(units=(held[0],))
    closest = [(unit.code, unit.name) for unit in held]
    if not closest:  # a typo: the nearest codes, names and groups
        near = process.extract(named, list(index), scorer=fuzz.ratio, score_cutoff=75, limit=6)
        closest = [(index[key].code, index[key].name) for key, _, _ in near]
        names = {name: g for g in groups for name in group_names(g)}
        near_group = process.extractOne(named, list(names), scorer=fuzz.ratio, score_cutoff=80)
        if near_group is not None:
            found = names[near_group[0]]
            closest.append((found.key, found.name))
    return Place(closest=tuple(dict.fromkeys(closest))[:5])
