"""The office's view of the movement in chat: /status overall, for a group or for a unit."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from handlers.campaign import DeadlineSpec, Group
from handlers.office.reports.places import Place, find_place
from handlers.office.reports.standing import Counts, Standing, as_of, stage, standing, tracked
from handlers.pledge_view import contact_of
from handlers.reminders.message import state_of
from handlers.review.questions import at_risk, opens_at
from handlers.router import N_, Router
from handlers.types import Button, Context, Incoming, Reply
from storage.reminders import UnitState, unit_states
from storage.reports import Linked, linked_people, pledge_rows

router = Router()
MARKS = {"submitted": "✅", "draft": "📝", "not_started": "⬜"}
CHANNELS = {"telegram": "Telegram", "zalo_oa": "Zalo OA", "zalo_bot": "Zalo"}


@router.command(
    "status",
    "tinhhinh",
    description=N_("see who has registered, overall, for a group or a unit"),
    role="staff",
    usage=N_("[GROUP or UNIT]"),
)
async def status(msg: Incoming, ctx: Context) -> list[Reply]:
    units = await unit_states(ctx.db, ctx.campaign.id)
    if not msg.args:
        return [overall(ctx, units)]
    place = await find_place(ctx, msg.args)
    if place.group is not None:
        return [group_view(ctx, place.group, units)]
    if place.units:
        return [await unit_view(ctx, unit.id) for unit in place.units[:5]]
    return [not_found(ctx, msg.args, place, "status")]


def standings(ctx: Context, units: list[UnitState]) -> list[Standing]:
    return [standing(ctx.campaign, deadline, units) for deadline in tracked(ctx.campaign)]


def due_line(ctx: Context, deadline: DeadlineSpec) -> str:
    due, now = ctx.campaign.due_at(deadline), ctx.now()
    label = ctx.text_of(deadline.label)
    if due > now:
        return ctx._("{deadline}: due at {moment}, {left} left.").format(
            deadline=label, moment=ctx.when(due), left=ctx.span(due - now)
        )
    return ctx._("{deadline}: was due at {moment}, {late} ago.").format(
        deadline=label, moment=ctx.when(due), late=ctx.span(now - due)
    )


def counts_line(ctx: Context, counts: Counts) -> str:
    """'✅ 12 (22%) · 📝 5 (9%) · ⬜ 37 (69%)'."""
    return " · ".join(
        f"{MARKS[where]} {ctx.number(getattr(counts, where))} ({ctx.percent(counts.share(where))})"
        for where in ("submitted", "draft", "not_started")
    )


def units_line(ctx: Context, counts: Counts) -> str:
    """'54 đơn vị: ✅ 12 (22%) · 📝 5 (9%) · ⬜ 37 (69%)'."""
    return ctx.ngettext("{count} unit: {counts}", "{count} units: {counts}", counts.total).format(
        count=ctx.number(counts.total), counts=counts_line(ctx, counts)
    )


def legend(ctx: Context) -> str:
    return ctx._("✅ submitted · 📝 draft · ⬜ not started")


def overall(ctx: Context, units: list[UnitState]) -> Reply:
    lines = [ctx._("📊 The movement at {moment}").format(moment=ctx.when(ctx.now()))]
    current = [d for d in ctx.campaign.reviews() if reported_now(ctx, d)]
    for found in standings(ctx, units):
        lines += [
            "",
            due_line(ctx, found.deadline),
            units_line(ctx, found.overall),
        ]
        if behind := [u.code for u in found.units if lagging(u)]:
            lines.append(ctx._("⚠️ Most targets at risk: {units}").format(units=", ".join(behind)))
        if found.deadline.report is not None and found.deadline not in current:
            continue  # a review not open yet, or long over: its line is enough
        for key, counts in found.groups.items():
            lines.append(
                f"• {ctx.campaign.group_name(key)} ({ctx.number(counts.total)}): "
                + counts_line(ctx, counts)
            )
    not_collected = ctx._("(not collected by the bot)")
    later = [
        f"{due_line(ctx, d)} {not_collected}"
        for d in ctx.campaign.deadlines
        if d.completion == "nothing"
    ]
    lines += ["", *later, *([""] if later else []), legend(ctx)]
    buttons = (
        Button(ctx._("📋 Not submitted"), "cmd:pending"),
        Button(ctx._("📈 Chart"), "cmd:chart"),
        *(Button(f"📈 {ctx.text_of(d.label)}", f"cmd:chart {d.key}") for d in current),
        Button(ctx._("📥 Excel"), "cmd:export"),
    )
    return Reply("\n".join(lines), buttons=buttons)


def group_view(ctx: Context, group: Group, units: list[UnitState]) -> Reply:
    members = [u for u in units if u.group == group.key]
    lines = [ctx._("📊 {group} at {moment}").format(group=group.name, moment=ctx.when(ctx.now()))]
    for found in standings(ctx, members):
        lines += ["", due_line(ctx, found.deadline), units_line(ctx, found.overall)]
        lines += [
            f"{MARKS[stage(u)]} {u.code} — {u.name}: {state_of(ctx, ctx.campaign, u)}"
            + (" ⚠️" if lagging(u) else "")
            for u in found.units
        ]
    lines += ["", legend(ctx)]
    number = ctx.campaign.groups.index(group)
    buttons = (Button(ctx._("📋 Not submitted"), f"pend:1:{number}"),)
    return Reply("\n".join(lines), buttons=buttons)


async def unit_view(ctx: Context, unit_id: int) -> Reply:
    [row] = await pledge_rows(ctx.db, ctx.campaign.id, unit_id)
    unit, pledge = row.unit, row.pledge
    [state] = await unit_states(ctx.db, ctx.campaign.id, unit_id)  # with its review reports
    lines = [f"📊 {unit.name} ({unit.code})", ctx.campaign.group_name(unit.group)]
    for deadline in tracked(ctx.campaign):
        faced = as_of(deadline, state)
        said = state_of(ctx, ctx.campaign, faced)
        line = f"{MARKS[stage(faced)]} {said[:1].upper()}{said[1:]}."
        mark = state.reports.get(deadline.key) if faced.review else None
        submitted_at = mark.submitted_at if mark else pledge.submitted_at if pledge else None
        if submitted_at is not None and faced.done:
            late = submitted_at >= ctx.campaign.due_at(deadline)
            said = (
                ctx._("Submitted at {moment}, after the deadline (reopened by the office).")
                if late
                else ctx._("Submitted at {moment}.")
            )
            line = f"{MARKS['submitted']} " + said.format(moment=ctx.when(submitted_at))
        changed = pledge is not None and pledge.fields and pledge.updated_at != pledge.submitted_at
        if faced.review is None and pledge is not None and changed:
            line += " " + ctx._("Last changed at {moment}.").format(
                moment=ctx.when(pledge.updated_at)
            )
        if lagging(faced):
            line += " " + ctx._("⚠️ Most targets are at risk or not done.")
        lines += ["", due_line(ctx, deadline), line]
    people = (await linked_people(ctx.db, ctx.campaign.id, unit.id)).get(unit.id, [])
    if people:
        lines.append(ctx._("In the bot: {people}").format(people=people_text(ctx, people)))
    else:
        lines.append(ctx._("Nobody of this unit is linked to the bot yet."))
    contact = contact_text(ctx, state) or ctx._("not in the pledge yet")
    lines.append(ctx._("Contact: {contact}").format(contact=contact))
    started = pledge is not None and bool(pledge.fields)
    buttons = (Button(ctx._("📄 See the pledge"), f"cmd:mypledge {unit.code}"),) * started
    return Reply("\n".join(lines), buttons=buttons)


def reported_now(ctx: Context, deadline: DeadlineSpec) -> bool:
    """A review whose reports come in now: open, or closed within the last 45 days."""
    start, due = opens_at(ctx.campaign, deadline), ctx.campaign.due_at(deadline)
    now = ctx.now()
    return (start is None or start <= now) and now < due + timedelta(days=45)


def lagging(unit: UnitState) -> bool:
    """A unit whose review report assesses most of its targets at risk or not done."""
    return unit.review is not None and at_risk(unit.pledged, unit.fields)


def people_text(ctx: Context, people: list[Linked]) -> str:
    """'Nguyễn Văn An (Telegram), 2 người trên trang web'; the office's people say so."""
    if not people:
        return ctx._("nobody linked yet")
    named, unnamed = [], Counter[str]()
    for person in people:
        where = CHANNELS.get(person.channel) or ctx._("web page")
        if person.role != "leader":
            where += ", " + ctx._("emulation office")
        if person.name:
            named.append(f"{person.name} ({where})")
        else:
            unnamed[where] += 1
    named += [
        ctx.ngettext("{count} person ({place})", "{count} people ({place})", count).format(
            count=ctx.number(count), place=where
        )
        for where, count in unnamed.items()
    ]
    return ", ".join(named)


def contact_text(ctx: Context, unit: UnitState) -> str:
    """'Nguyễn Văn An, 0905 123 456', either part alone, or ""."""
    return ", ".join(part for part in contact_of(ctx.campaign, unit.pledge_fields) if part)


def not_found(ctx: Context, typed: str, place: Place, command: str, then: str = "") -> Reply:
    """The closest names (or the several units the words fit) as buttons that run `command`
    on each, followed by `then` (the role or the days asked for)."""
    choices = place.closest or tuple((u.code, u.name) for u in place.units[:8])
    if choices:
        text = ctx._("“{typed}” may be one of these:").format(typed=typed[:80])
    else:
        text = ctx._("I found no group or unit called “{typed}”.").format(typed=typed[:80])
        text += " " + ctx._("/units lists the codes of the units.")
    buttons = tuple(
        Button(
            name if len(name) <= 48 else name[:47].rstrip() + "…",
            f"cmd:{command} {key} {then}".rstrip()[:64],
        )
        for key, name in choices
    )
    return Reply(text, buttons=buttons)
