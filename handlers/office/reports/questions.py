"""Plain questions about who has registered, answered from data: "bao nhiêu đơn vị đã đăng ký",
"đơn vị nào chưa đăng ký", "Hội An đăng ký chưa". The office gets the movement; a leader gets
their own unit, and is told that the rest is the office's to see."""

from __future__ import annotations

import re

from handlers.campaign import Group
from handlers.office.audience import lookup, unit_index
from handlers.office.reports import status
from handlers.office.reports.places import Place, containing, find_place, group_names, words_of
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
# fmt: off
# Counting units, not days: "còn bao nhiêu ngày" is a question about the deadline.
HOW_MANY = ("bao nhieu", "bn", "may don vi", "may dv", "so luong", "how many", "what share")
UNIT_COUNT = ("bao nhieu don vi", "bao nhieu dv", "bn dv", "bn don vi", "may don vi", "may dv")
RATE = ("ty le", "ti le", "phan tram", "percent", "percentage")
NOT_UNITS = ("ngay", "gio", "tuan", "thang", "days", "hours", "weeks", "time", "chi tieu",
             "ca nhan", "nguoi", "danh hieu", "targets", "people")
REGISTERED = ("dang ky", "dang ki", "dk", "dki", "gui", "nop", "register", "registered",
              "submitted", "pledged", "signed up")
NOT_YET = ("chua dang ky", "chua dang ki", "chua dk", "chua nop", "chua gui", "chua xong",
           "not registered", "not submitted", "haven t registered", "have not registered",
           "hasn t registered", "has not registered", "not yet registered", "still missing",
           "pending", "late", "tre han", "cham", "ban nhap", "dang lam", "do dang", "draft",
           "goi dien", "can goi", "can nhac", "nhac")
DONE = ("da dang ky", "da dang ki", "da dk", "da nop", "da gui", "dang ky roi", "dk roi",
        "nop roi", "gui roi", "have registered", "has registered", "registered",
        "have submitted", "submitted")
LISTING = ("nao", "ai", "danh sach", "ds", "nhung don vi", "cac don vi", "list", "which", "who")
# Questions about the rules, not the figures: "các đơn vị đã đăng ký có được sửa không?"
RULES = ("phai", "must", "need", "needs", "required", "can phai", "bat buoc", "sua",
         "duoc khong", "co duoc", "lam sao", "nhu the nao", "the nao", "how do", "how can",
         "how to", "can i", "can we", "khi nao", "bao gio", "when", "edit", "change", "o dau",
         "where")
ASKS_ONE = ("dang ky chua", "dang ki chua", "dk chua", "dki chua", "gui chua", "nop chua",
            "xong chua", "het chua", "registered yet", "submitted yet", "tinh hinh",
            "trang thai", "status", "sao roi", "thi sao", "ra sao", "sdt", "so dien thoai",
            "lien he", "contact", "phone", "chua dk", "chua dang ky", "chua nop", "chua gui")
EN_ASKS_ONE = re.compile(r"^ (has|have|did|is) .* (registered|submitted|submit|register) $")
# The question's own words, taken out to leave what it is about: "Hội An đã đăng ký chưa ạ"
PHRASES = ("thi dua", "bao cao", "tinh hinh", "trang thai", "the nao", "ra sao", "sao roi",
           "thi sao", "lien he", "so dien thoai", "xong het", "het chua")
FILLER = {"da", "chua", "roi", "co", "khong", "k", "ko", "hk", "a", "ah", "vay", "z", "v",
          "nhe", "oi", "ad", "has", "have", "did", "does", "is", "are", "yet", "already",
          "the", "dang", "ky", "ki", "dk", "dki", "gui", "nop", "xong", "registered",
          "submitted", "register", "submit", "sent", "status", "cua", "pledge", "its", "their",
          "cho", "biet", "hoi", "xem", "giup", "em", "sao", "nhi", "ha", "ne", "r", "sdt",
          "contact", "phone", "of", "what", "about", "how"}
SELF = {"don vi minh", "don vi toi", "don vi cua toi", "don vi cua minh", "coquan toi",
        "coquan minh", "coquan cua toi", "minh", "toi", "chung toi", "ben minh", "my unit",
        "our unit", "we", "my", "our", "i", "don vi", "coquan", "ben", "dv", "dv toi",
        "dv minh", "dv cua toi", "don vi em", "dv em", "coquan em", "ben em"}
# fmt: on


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


def named_group(said: str, groups: list[Group]) -> Group | None:
    for group in groups:
        if any(len(name) >= 6 and f" {name} " in said for name in group_names(group)):
            return group
    return None


def subject(said: str) -> str:
    """The words a status question is about, its own words taken out."""
    for phrase in PHRASES:
        said = said.replace(f" {phrase} ", " ")
    said = said.replace(" co quan ", " coquan ")  # "cơ quan", not the filler "có"
    return " ".join(w for w in said.split() if w not in FILLER)


async def answer(ctx: Context, question: str) -> Reply | None:
    """The answer from data, or None when the question is not about who has registered."""
    said = _said(question)
    rules = _has(said, RULES)
    if rules and not _has(said, ASKS_ONE):
        return None
    about_units = not _has(said, NOT_UNITS)
    group = named_group(said, ctx.campaign.groups)
    counting = about_units and (
        (_has(said, HOW_MANY) and _has(said, REGISTERED))
        or _has(said, UNIT_COUNT)
        or _has(said, RATE)
        or ("%" in question and _has(said, HOW_MANY))
    )
    listing = (_has(said, LISTING) or group is not None) and not counting
    pending = listing and _has(said, NOT_YET)
    done = _has(said, LISTING) and not (pending or counting) and _has(said, DONE)
    one = not (counting or pending or done) and (
        _has(said, ASKS_ONE) or bool(EN_ASKS_ONE.match(said))
    )
    office = may_use(ctx.account.role, "staff")
    if not (counting or pending or done or one):
        return await _named_alone(ctx, question, said) if office else None
    if one:
        about = subject(said)
        if office and not about:  # "tình hình đăng ký thế nào rồi?"
            return _count(ctx, await unit_states(ctx.db, ctx.campaign.id), group)
        if about in SELF or not about:
            return await _own_unit(ctx, told=False)
        every = await list_units(ctx.db, ctx.campaign.id)
        units = named_units(question, every) or containing(every, words_of(about))
        if not units and group is None and (rules or len(about.split()) > 6):
            return None  # a sentence, not a name: the directive may answer it
        if not office:  # told so only when they named someone else
            others = (bool(units) or group is not None) and [u.id for u in units] != [
                ctx.account.unit_id
            ]
            return await _own_unit(ctx, told=others)
        if len(units) == 1:
            return await status.unit_view(ctx, units[0].id)
        if group is not None:
            return status.group_view(ctx, group, await unit_states(ctx.db, ctx.campaign.id))
        place = Place(closest=tuple((u.code, u.name) for u in units[:5]))
        if not units:
            place = await find_place(ctx, about)
            if place.units or place.group:
                return await _place_view(ctx, place)
        return status.not_found(ctx, about, place, "status")
    if not office:
        return await _own_unit(ctx, told=True)
    if pending or done:
        return await status.pending_page(ctx, 1, group, submitted=done)
    return _count(ctx, await unit_states(ctx.db, ctx.campaign.id), group)


async def _named_alone(ctx: Context, question: str, said: str) -> Reply | None:
    """The office sends just a name ("Sở Y tế", "BHXH", "duy xuyên", "khối tổng hợp"):
    that unit's or group's standing."""
    about = subject(said)
    if not about or len(about.split()) > 7:
        return None
    groups = [g for g in ctx.campaign.groups if about in group_names(g)]
    if groups:
        return status.group_view(ctx, groups[0], await unit_states(ctx.db, ctx.campaign.id))
    every = await list_units(ctx.db, ctx.campaign.id)
    unit = lookup(unit_index(every), words_of(about))
    codes = [u for u in every if u.code in _CODE.findall(question)]
    if unit is None and len(codes) == 1 and len(question.split()) <= 3:
        unit = codes[0]
    return await status.unit_view(ctx, unit.id) if unit is not None else None


async def _place_view(ctx: Context, place: Place) -> Reply:
    if place.group is not None:
        return status.group_view(ctx, place.group, await unit_states(ctx.db, ctx.campaign.id))
    return await status.unit_view(ctx, place.units[0].id)


def _count(ctx: Context, units: list[UnitState], group: Group | None) -> Reply:
    lines = [group.name] if group is not None else []
    if group is not None:
        units = [u for u in units if u.group == group.key]
    for found in status.standings(ctx, units):
        counts = found.overall
        lines += [
            ctx._(
                "{deadline}: {done} of {total} units submitted ({share}); with a draft: "
                "{draft}; not started: {none}."
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
    buttons = [Button(ctx._("📄 See the pledge"), "cmd:mypledge")]
    now = ctx.now()
    reopened = unit.unlocked_until is not None and now < unit.unlocked_until
    if not unit.done and (now < ctx.campaign.registration_due or reopened):
        started = unit.status is not None and bool(unit.fields)
        label = ctx._("▶️ Continue") if started else ctx._("📝 Register")
        buttons.append(Button(label, "cmd:register"))
    return Reply("\n".join(lines), buttons=tuple(buttons))
