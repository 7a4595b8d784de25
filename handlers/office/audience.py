"""Who an announcement is for: the audience chosen with buttons, resolved to units and chats,
and who of them can be reached now."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from handlers.text import bare_unit, fold
from handlers.types import Button, Context, Reply, why_unreachable
from storage import accounts, broadcasts
from storage.campaigns import list_units
from storage.models import Account, Unit

KINDS = ("all", "groups", "pending", "draft", "units", "office")
_SEPARATORS = re.compile(r"[,;\n]+|\s{2,}")


@dataclass(frozen=True, slots=True)
class Recipients:
    units: list[Unit]  # the units it is meant for (none for "office")
    reachable: list[Account]
    unreachable: list[tuple[Account, str]]  # with why: "blocked" or "window"
    unlinked: list[Unit]  # units with nobody linked

    def per_channel(self) -> Counter[str]:
        return Counter(a.channel for a in self.reachable)


async def resolve(ctx: Context, audience: dict[str, Any]) -> Recipients:
    kind = audience.get("kind")
    if kind == "office":
        people = [
            a for a in await accounts.list_office_accounts(ctx.db, None) if a.id != ctx.account.id
        ]
        return _reach(ctx, [], people)
    units = await _units(ctx, audience)
    people = await broadcasts.list_linked_accounts(ctx.db, [u.id for u in units])
    if audience.get("kind") == "all":  # "all linked units": the others are not meant
        linked = {p.unit_id for p in people}
        units = [u for u in units if u.id in linked]
    return _reach(ctx, units, people)


async def _units(ctx: Context, audience: dict[str, Any]) -> list[Unit]:
    every = await list_units(ctx.db, ctx.campaign.id)
    kind = audience.get("kind")
    if kind == "groups":
        wanted = set(audience.get("groups") or ())
        return [u for u in every if u.group in wanted]
    if kind == "units":
        codes = set(audience.get("units") or ())
        return [u for u in every if u.code in codes]
    if kind in ("pending", "draft"):
        status = await broadcasts.pledge_statuses(ctx.db, ctx.campaign.id)
        if kind == "draft":
            return [u for u in every if status.get(u.id) == "draft"]
        return [u for u in every if status.get(u.id) not in ("submitted", "locked")]
    return every


def _reach(ctx: Context, units: list[Unit], people: list[Account]) -> Recipients:
    now = ctx.now()
    reachable: list[Account] = []
    unreachable: list[tuple[Account, str]] = []
    for person in people:
        if (why := why_unreachable(person, now)) is not None:
            unreachable.append((person, why))
        else:
            reachable.append(person)
    linked = {p.unit_id for p in people}
    unlinked = [u for u in units if u.id not in linked]
    return Recipients(units, reachable, unreachable, unlinked)


async def find_units(ctx: Context, typed: str) -> tuple[list[Unit], list[tuple[str, Unit | None]]]:
    """Units named in a typed list (codes, aliases or names, with or without "UBND huyện",
    diacritics optional), and each word that matched none with the closest unit, if any."""
    return match_units(unit_index(await list_units(ctx.db, ctx.campaign.id)), typed)


def match_units(
    index: dict[str, Unit], typed: str
) -> tuple[list[Unit], list[tuple[str, Unit | None]]]:
    """As find_units, in an index of the units already loaded."""
    found: dict[int, Unit] = {}
    unknown: list[tuple[str, Unit | None]] = []
    parts = [p.strip() for p in _SEPARATORS.split(typed) if p.strip()]
    if len(parts) == 1 and lookup(index, parts[0]) is None:
        parts = parts[0].split()  # "TAMKY HOIAN DUYXUYEN"
    for part in parts:
        if (match := lookup(index, part)) is None:
            close = process.extractOne(fold(part), list(index), scorer=fuzz.ratio, score_cutoff=75)
            unknown.append((part, index[close[0]] if close else None))
        else:
            found[match.id] = match
    return list(found.values()), unknown


def unit_index(units: list[Unit]) -> dict[str, Unit]:
    """Each unit under its folded code, name and aliases, with and without "UBND huyện"."""
    index: dict[str, Unit] = {}
    for unit in units:
        for name in (unit.code, unit.name, *unit.aliases):
            index.setdefault(fold(name), unit)
            index.setdefault(bare_unit(name), unit)
    return index


def lookup(index: dict[str, Unit], typed: str) -> Unit | None:
    words = fold(typed)
    return index.get(words) or index.get(bare_unit(words))


def ask(ctx: Context) -> list[Reply]:
    labels = {
        "all": ctx._("All linked units"),
        "groups": ctx._("Some emulation groups"),
        "pending": ctx._("Units not yet submitted"),
        "draft": ctx._("Units with a draft"),
        "units": ctx._("A list of unit codes"),
        "office": ctx._("Staff and admins only"),
    }
    buttons = tuple(Button(labels[kind], f"bc:aud:{kind}") for kind in KINDS)
    return [Reply(ctx._("Who should receive it?"), buttons=buttons)]
