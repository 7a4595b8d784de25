"""The campaign's units a question names, other than the asker's ("Huyện Thăng Bình đã nộp
chưa?"): only the office tells how another unit stands or what it pledged."""

from __future__ import annotations

import functools

from handlers.campaign import Campaign, UnitSpec
from handlers.text import bare_unit, words
from handlers.types import Context, Reply
from storage.campaigns import get_unit


async def own_code(ctx: Context) -> str | None:
    """The code of the unit the chat is linked to, if it is."""
    if ctx.account.unit_id is None:
        return None
    return (await get_unit(ctx.db, ctx.account.unit_id)).code


def other_unit(
    text: str, campaign: Campaign, own: str | None, *, untold: bool = False
) -> UnitSpec | None:
    """The campaign's unit, other than the asker's (by code), that a question names by its
    name or an alias of two words or more ("Huyện Thăng Bình đã nộp chưa?"); a department by
    its whole name ("xây dựng kế hoạch" is no Sở Xây dựng); `untold`: only a unit the
    directive's passages do not name (Sở Nội vụ has its duties there)."""
    said = f" {' '.join(words(text))} "
    told = _named_in(tuple(p.text for p in campaign.directive.passages)) if untold else ""
    said_as = _said_as(tuple((u.name, u.kind, tuple(u.aliases)) for u in campaign.units))
    for unit, (bare_name, names) in zip(campaign.units, said_as, strict=True):
        if unit.code == own or (untold and bare_name in told):
            continue  # Sở Nội vụ, whose duties the directive's passages tell
        if any(name in said for name in names):
            return unit
    return None


@functools.cache
def _said_as(
    units: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each unit (name, kind, aliases): its bare name, and the names of two words or more
    it is asked after by, spaced at both ends; worked out once for the campaign's units."""
    return tuple(
        (
            f" {bare_unit(name)} ",
            tuple(
                f" {bare} "
                for n in (name, *aliases)
                if len((bare := _named_as(kind, name, n)).split()) >= 2
            ),
        )
        for name, kind, aliases in units
    )


def unit_names(campaign: Campaign) -> tuple[str, ...]:
    """Each unit's name and aliases."""
    return tuple(n for u in campaign.units for n in (u.name, *u.aliases))


def named_as(unit: UnitSpec, name: str) -> str:
    """How a question names a unit by one of its names, folded: a department by its whole name
    ("so xay dung": "xây dựng kế hoạch" is no Sở Xây dựng), another by its bare one ("que
    son")."""
    return _named_as(unit.kind, unit.name, name)


def _named_as(kind: str, unit_name: str, name: str) -> str:
    return " ".join(words(name)) if kind == "department" and name == unit_name else bare_unit(name)


def only_own(ctx: Context, other: UnitSpec | None) -> Reply:
    """A leader asking after another unit, named or not, is told to ask the office."""
    return Reply(
        ctx._(
            "I can only tell you how your own unit's pledge stands. For {unit}, "
            "please ask the emulation office."
        ).format(unit=other.name if other else ctx._("other units"))
    )


@functools.cache
def _named_in(passages: tuple[str, ...]) -> str:
    """The directive's passages, folded word by word, to find the units they name."""
    return f" {' '.join(w for text in passages for w in words(text))} "
