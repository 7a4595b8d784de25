"""Plain questions about who has registered, answered from data: "bao nhiêu đơn vị đã đăng ký",
"đơn vị nào chưa đăng ký", "Hội An đăng ký chưa". The office gets the movement; a leader gets
their own unit, and is told that the rest is the office's to see."""

from __future__ import annotations

import re

from handlers.office.audience import unit_index
from handlers.office.reports import status
from handlers.office.reports.standing import tracked
from handlers.pledge_view import not_linked_reply
from handlers.reminders.message import state_of
from handlers.router import may_use
from handlers.text import fold
from handlers.types import Button, Context, Reply
from storage.campaigns import list_units
from storage.models import Unit
from storage.reminders import UnitState, unit_states

_WORDS = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"\b[A-Z][A-Z0-9]{2,}\b")
# Counting units, not days: "còn bao nhiêu ngày" is a question about the deadline.
HOW_MANY = (
    "bao nhieu don vi",
    "bao nhieu dv",
    "bn don vi",
    "bn dv",
    "may don vi",
    "may dv",
    "so don vi",
    "so luong don vi",
    "how many units",
    "how many have",
    "how many registered",
)
REGISTERED = (
    "dang ky",
    "dang ki",
    "dk",
    "dki",
    "gui",
    "nop",
    "register",
    "registered",
    "submitted",
    "pledged",
    "signed up",
)
WHICH_NOT = (
    "don vi nao chua",
    "dv nao chua",
    "nhung don vi nao chua",
    "ai chua",
    "con ai chua",
    "nhung ai chua",
    "nao chua dang ky",
    "nao chua dk",
    "chua dang ky la",
    "which units have not",
    "which units haven t",
    "who has not",
    "who hasn t",
    "who have not",
    "not registered yet",
    "not yet registered",
    "units not registered",
    "still missing",
    "not submitted",
)
DUTY = ("phai", "must", "need", "needs", "required", "can phai", "bat buoc")  # who must register
ABOUT_ONE = (
    "dang ky chua",
    "dang ki chua",
    "dk chua",
    "gui chua",
    "nop chua",
    "xong chua",
    "registered yet",
    "submitted yet",
    "has registered",
    "registered",
    "submitted",
    "tinh hinh",
    "trang thai",
    "status",
)


def _said(question: str) -> str:
    return " " + " ".join(_WORDS.findall(fold(question))) + " "


def _has(said: str, phrases: tuple[str, ...]) -> bool:
    return any(f" {p} " in said for p in phrases)


def named_units(question: str, units: list[Unit]) -> list[Unit]:
    """Units named in a sentence: by name or alias (four letters or more), or by a code in
    capitals."""
    index = {key: unit for key, unit in unit_index(units).items() if len(key) >= 4}
    said = _said(question)
    found: dict[int, Unit] = {}
    for key in sorted(index, key=len, reverse=True):
        if f" {key} " in said and (unit := index[key]).id not in found:
            found[unit.id] = unit
            said = said.replace(f" {key} ", " | ")
    codes = {u.code: u for u in units}
    for code in _CODE.findall(question):
        if code in codes:
            found.setdefault(codes[code].id, codes[code])
    return list(found.values())


async def answer(ctx: Context, question: str) -> Reply | None:
    """The answer from data, or None when the question is not about who has registered."""
    said = _said(question)
    counting = _has(said, HOW_MANY) and _has(said, REGISTERED) and not _has(said, DUTY)
    which = _has(said, WHICH_NOT)
    named: list[Unit] = []
    if not (counting or which) and _has(said, ABOUT_ONE):
        named = named_units(question, await list_units(ctx.db, ctx.campaign.id))
    if not (counting or which or named):
        return None
    if not may_use(ctx.account.role, "staff"):
        own = ctx.account.unit_id is not None and [u.id for u in named] == [ctx.account.unit_id]
        return await _own_unit(ctx, told=not own)
    if which:
        return await status.pending_page(ctx, 1, None)
    if counting:
        return _count(ctx, await unit_states(ctx.db, ctx.campaign.id))
    return await status.unit_view(ctx, named[0].id)


def _count(ctx: Context, units: list[UnitState]) -> Reply:
    lines = []
    for found in status.standings(ctx, units):
        counts = found.overall
        lines += [
            ctx._(
                "{deadline}: {done} of {total} units have submitted ({share}); {draft} have a "
                "draft, {none} have not started."
            ).format(
                deadline=ctx.text_of(found.deadline.label),
                done=ctx.number(counts.submitted),
                total=ctx.number(counts.total),
                share=ctx.percent(counts.share("submitted")),
                draft=ctx.number(counts.draft),
                none=ctx.number(counts.not_started),
            ),
            status.due_line(ctx, found.deadline),
        ]
    buttons = (
        Button(ctx._("📊 By group"), "cmd:status"),
        Button(ctx._("📋 Not submitted"), "cmd:pending"),
    )
    return Reply("\n".join(lines), buttons=buttons)


async def _own_unit(ctx: Context, *, told: bool) -> Reply:
    note = ctx._("Only the emulation office can see how other units stand.") if told else ""
    if ctx.account.unit_id is None:
        return Reply(
            f"{note}\n\n{not_linked_reply(ctx).text}" if note else not_linked_reply(ctx).text
        )
    [unit] = await unit_states(ctx.db, ctx.campaign.id, ctx.account.unit_id)
    lines = [note, ""] if note else []
    for deadline in tracked(ctx.campaign):
        lines.append(status.due_line(ctx, deadline))
    lines.append(
        ctx._("{unit}: {state}.").format(unit=unit.name, state=state_of(ctx, ctx.campaign, unit))
    )
    return Reply("\n".join(lines), buttons=(Button(ctx._("📄 See the pledge"), "cmd:mypledge"),))
