"""Plain questions about who has registered, answered from data: "bao nhiêu đơn vị đã đăng ký",
"đơn vị nào chưa đăng ký", "Hội An đăng ký chưa". The office gets the movement; a leader gets
their own unit, and is told that the rest is the office's to see."""

from __future__ import annotations

import re

from handlers import reading
from handlers.campaign import Campaign, DeadlineSpec, Group
from handlers.office.audience import lookup, unit_index
from handlers.office.reports import pending, status
from handlers.office.reports.places import (
    Place,
    containing,
    find_place,
    group_names,
    tail,
    words_of,
)
from handlers.office.reports.standing import tracked
from handlers.office.reports.wording import (
    ASKS_ONE,
    CONTACT,
    DONE,
    DRAFTS,
    EN_ASKS_ONE,
    FILLER,
    GONE_BY,
    HOW_MANY,
    KINDS,
    LISTING,
    NOT_UNITS,
    NOT_YET,
    PHRASES,
    RATE,
    REGISTERED,
    RULES,
    SELF,
    SUPPOSING,
    UNIT_COUNT,
)
from handlers.pledge_view import not_linked_reply
from handlers.reminders.message import state_of
from handlers.review.questions import split_review
from handlers.router import may_use
from handlers.text import words
from handlers.types import Button, Context, Reply
from storage.campaigns import list_units
from storage.models import Unit
from storage.reminders import UnitState, unit_states

_CODE = re.compile(r"\b[A-Z][A-Z0-9]{2,}\b")
# The units a question may name, read once for each campaign file loaded: they change only when
# the file is (re)loaded (storage.campaigns.sync_campaign), and that brings a new Campaign.
_ROSTERS: dict[int, tuple[Campaign, list[Unit]]] = {}


async def roster(ctx: Context) -> list[Unit]:
    """The campaign's active units, to find the ones a question names (their names and ids
    only: the rows are no longer in a session)."""
    held = _ROSTERS.get(ctx.campaign.id)
    if held is None or held[0] is not ctx.campaign:
        held = _ROSTERS[ctx.campaign.id] = (
            ctx.campaign,
            await list_units(ctx.db, ctx.campaign.id),
        )
    return held[1]


def _said(question: str) -> str:
    """' hoi an da dang ky roi chua ': folded words, "thi đua" and short forms aside, and
    the directive's "tình hình thực tiễn" (the situation on the ground), which asks nothing."""
    said = " " + " ".join(words(question)) + " "
    for short, full in ((" r ", " roi "), (" thi dua ", " "), (" dki ", " dk ")):
        said = said.replace(short, full).replace(short, full)
    *before, last = said.split() or [""]
    if before and last == "bn" and before[-1] in reading.called_after(last):
        said = f" {' '.join(before)} "  # "sửa dc k bn": "bạn", not "bao nhiêu"
    return said.replace(" tinh hinh thuc tien ", " thuc tien ")  # the directive's words


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
    """The group a question names, by name or by the words only it ends with."""
    for group in groups:
        if any(len(name) >= 6 and f" {name} " in said for name in group_names(group)):
            return group
    ends = [g for g in groups if f" {tail(g)} " in said]
    return ends[0] if len(ends) == 1 else None


def subject(said: str) -> str:
    """The words a status question is about, its own words taken out."""
    for phrase in PHRASES:
        said = said.replace(f" {phrase} ", " ")
    said = said.replace(" co quan ", " coquan ")  # "cơ quan", not the filler "có"
    return " ".join(w for w in said.split() if w not in FILLER)


async def answer(ctx: Context, question: str) -> Reply | None:
    """The answer from data, or None when the question is not about who has registered (or
    has sent a review's report: "Tam Kỳ nộp báo cáo sơ kết chưa")."""
    said = _said(question)
    review, rest = split_review(ctx.campaign, said)
    if review is not None and not may_use(ctx.account.role, "staff"):
        return None  # a leader asking about their own report: the campaign's data answers
    if review is not None:  # the review named aside, the question reads as about registration
        said = f" {rest.strip()} ".replace(" bao cao ", " ")
    rules = _has(said, RULES)
    supposing = said.startswith(tuple(f" {w} " for w in SUPPOSING))
    if supposing or (rules and (not _has(said, ASKS_ONE) or _has(said, GONE_BY))):
        return None  # "… đăng ký rồi" after "quá hạn" says when, not who has
    about_units = not _has(said, NOT_UNITS)
    group = named_group(said, ctx.campaign.groups)
    kind = None if group else next((k for k, words in KINDS.items() if _has(said, words)), None)
    scope = pending.Scope(group, kind)
    counting = about_units and (
        (_has(said, HOW_MANY) and _has(said, REGISTERED))
        or _has(said, UNIT_COUNT)
        or _has(said, RATE)
        or ("%" in question and _has(said, HOW_MANY))
    )
    # "đơn vị nào", not "làm tiếp thế nào" nor "khi nào"
    listed = _has(re.sub(r" (?:the|khi|luc|hoi) nao(?= )", "", said), LISTING)
    listing = (listed or group is not None or kind is not None) and not counting
    drafts = listing and _has(said, DRAFTS)
    late = listing and not drafts and _has(said, NOT_YET)
    done = listed and not (late or drafts or counting) and _has(said, DONE)
    one = not (counting or late or drafts or done) and (
        _has(said, ASKS_ONE) or bool(EN_ASKS_ONE.match(said))
    )
    office = may_use(ctx.account.role, "staff")
    if not (counting or late or drafts or done or one):
        return await _named_alone(ctx, question, said) if office else None
    if one:
        about = subject(said)
        if office and not about:  # "tình hình đăng ký thế nào rồi?"
            return _count(ctx, await unit_states(ctx.db, ctx.campaign.id), scope, said, review)
        if about in SELF or not about:
            return await _own_unit(ctx, told=False)
        every = await roster(ctx)
        units = named_units(question, every) or containing(every, words_of(about))
        if not units and group is None and (rules or len(about.split()) > 6):
            return None  # a sentence, not a name: the directive may answer it
        if not office and not units and scope == pending.Scope() and _has(said, CONTACT):
            return None  # "hỏi về tđkt thì liên hệ cơ quan nào": the office, not a unit's
        if not office:  # told so only when they named someone else
            others = (bool(units) or scope != pending.Scope()) and [u.id for u in units] != [
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
    if not office:  # "… tới đâu rồi bn câu": the form's questions, not other units
        return await _own_unit(ctx, told=not _has(said, ("cau", "questions")))
    if late or drafts or done:
        which = "draft" if drafts else "submitted" if done else "pending"
        return await pending.page_of(ctx, 1, scope, which, review=review)
    return _count(ctx, await unit_states(ctx.db, ctx.campaign.id), scope, said, review)


async def _named_alone(ctx: Context, question: str, said: str) -> Reply | None:
    """The office sends just a name ("Sở Y tế", "BHXH", "duy xuyên", "khối tổng hợp"):
    that unit's or group's standing."""
    about = subject(said)
    if not about or len(about.split()) > 7:
        return None
    groups = [g for g in ctx.campaign.groups if about in group_names(g)]
    if groups:
        return status.group_view(ctx, groups[0], await unit_states(ctx.db, ctx.campaign.id))
    every = await roster(ctx)
    unit = lookup(unit_index(every), words_of(about))
    codes = [u for u in every if u.code in _CODE.findall(question)]
    if unit is None and len(codes) == 1 and len(question.split()) <= 3:
        unit = codes[0]
    return await status.unit_view(ctx, unit.id) if unit is not None else None


async def _place_view(ctx: Context, place: Place) -> Reply:
    if place.group is not None:
        return status.group_view(ctx, place.group, await unit_states(ctx.db, ctx.campaign.id))
    return await status.unit_view(ctx, place.units[0].id)


def _count(
    ctx: Context,
    units: list[UnitState],
    scope: pending.Scope,
    said: str,
    review: DeadlineSpec | None = None,
) -> Reply:
    """The counts; "còn bao nhiêu đơn vị chưa đăng ký" leads with the units not submitted."""
    title = scope.title(ctx)
    lines = [title] if title else []
    shown = status.standings(ctx, scope.keep(units))
    kept = [s for s in shown if s.deadline == review] if review else []  # "… báo cáo sơ kết"
    for found in kept or [s for s in shown if s.deadline.report is None] or shown:
        counts = found.overall
        if _has(said, NOT_YET):
            line = ctx._(
                "{deadline}: {waiting} of {total} units have not submitted; with a draft: "
                "{draft}; not started: {none}."
            )
        else:
            line = ctx._(
                "{deadline}: {done} of {total} units submitted ({share}); with a draft: "
                "{draft}; not started: {none}."
            )
        lines += [
            line.format(
                deadline=ctx.text_of(found.deadline.label),
                done=ctx.number(counts.submitted),
                waiting=ctx.number(counts.draft + counts.not_started),
                total=ctx.number(counts.total),
                share=ctx.percent(counts.share("submitted")),
                draft=ctx.number(counts.draft),
                none=ctx.number(counts.not_started),
            ),
            status.due_line(ctx, found.deadline),
        ]
    buttons = (
        Button(ctx._("📊 By group"), "cmd:status"),
        Button(
            ctx._("📋 Not submitted"), f"cmd:pending {review.key}" if review else "cmd:pending"
        ),
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
    for deadline in tracked(ctx.campaign):  # the registration's: what the state is of
        if deadline.key == "registration":
            lines.append(status.due_line(ctx, deadline))
    state = state_of(ctx, ctx.campaign, unit)
    drafted = not unit.done and unit.status is not None and bool(unit.fields)
    if not drafted:  # "đã gửi", "chưa bắt đầu đăng ký": said in so many words already
        lines.append(ctx._("{unit}: {state}.").format(unit=unit.name, state=state))
    else:  # a draft: "đã nộp chưa?" is answered in so many words
        said = ctx._("{unit}: {state}, not submitted yet.")
        lines.append(said.format(unit=unit.name, state=state))
    buttons = [Button(ctx._("📄 See the pledge"), "cmd:mypledge")]
    now = ctx.now()
    reopened = unit.unlocked_until is not None and now < unit.unlocked_until
    if not unit.done and (now < ctx.campaign.registration_due or reopened):
        started = unit.status is not None and bool(unit.fields)
        label = ctx._("▶️ Continue") if started else ctx._("📝 Register")
        buttons.append(Button(label, "cmd:register"))
    return Reply("\n".join(lines), buttons=tuple(buttons))
