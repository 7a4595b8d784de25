"""/pending: the units not submitted (or, asked in words, those submitted or with a draft),
overall, for a group or for a kind of unit, with who to call, page by page."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.campaign import DeadlineSpec, Group
from handlers.office.reports.places import find_place
from handlers.office.reports.standing import stage, standing, tracked
from handlers.office.reports.status import (
    MARKS,
    contact_text,
    due_line,
    not_found,
    people_text,
    unit_view,
)
from handlers.reminders.message import state_of
from handlers.review.questions import split_review
from handlers.router import N_, Router
from handlers.text import whole_number
from handlers.types import Button, Context, Incoming, Reply
from storage.reminders import UnitState, unit_states
from storage.reports import linked_people

router = Router()
PAGE = 10  # units per page: a phone screen or two
WHICH = {"pending": "", "submitted": "s", "draft": "d"}
KIND_FLAGS = {"district": "h", "department": "o", "central": "c"}


@dataclass(frozen=True, slots=True)
class Scope:
    """Which units a list covers: all, one group, or one kind (districts, departments)."""

    group: Group | None = None
    kind: str | None = None

    def keep(self, units: list[UnitState]) -> list[UnitState]:
        if self.group is not None:
            units = [u for u in units if u.group == self.group.key]
        if self.kind is not None:
            units = [u for u in units if u.kind == self.kind]
        return units

    def title(self, ctx: Context) -> str | None:
        if self.group is not None:
            return self.group.name
        names = {
            "district": ctx._("Districts, towns and cities"),
            "department": ctx._("Departments and agencies"),
            "central": ctx._("Central units in the province"),
        }
        return names.get(self.kind or "")


@router.command(
    "pending",
    "chuadangky",
    description=N_("list the units that have not submitted, with who to call"),
    role="staff",
    usage=N_("[REVIEW] [GROUP]"),
)
async def pending(msg: Incoming, ctx: Context) -> list[Reply]:
    scope = Scope()
    review, typed = split_review(ctx.campaign, msg.args)  # "/chuadangky sơ kết": its reports
    if typed:
        place = await find_place(ctx, typed)
        if place.group is None:
            if place.units:
                return [await unit_view(ctx, unit.id) for unit in place.units[:5]]
            return [not_found(ctx, typed, place, "pending")]
        scope = Scope(group=place.group)
    return [await page_of(ctx, 1, scope, review=review)]


@router.action("pend", role="staff")
async def on_page(msg: Incoming, ctx: Context) -> list[Reply]:
    """«Next page»: pend:PAGE[:GROUP_NUMBER[:FLAGS[:REVIEW]]], flags s/d (submitted, draft)
    and h/o/c (districts, departments, central units); a review's key for its reports."""
    _, page, number, flags, review = ((msg.payload or "") + "::::").split(":")[:5]
    groups = ctx.campaign.groups
    index = whole_number(number)
    group = groups[index] if index is not None and index < len(groups) else None
    kind = next((k for k, flag in KIND_FLAGS.items() if flag in flags), None)
    which = next((w for w, flag in WHICH.items() if flag and flag in flags), "pending")
    wanted = whole_number(page) or 1
    reply = await page_of(
        ctx, wanted, Scope(group, kind), which, review=ctx.campaign.deadline(review)
    )
    return [Reply(reply.text, reply.buttons, edit=True)]


def _heading(ctx: Context, which: str, count: int) -> str:
    if which == "submitted":
        return ctx.ngettext(
            "✅ Submitted ({deadline}): {count} unit",
            "✅ Submitted ({deadline}): {count} units",
            count,
        )
    if which == "draft":
        return ctx.ngettext(
            "📝 With a draft ({deadline}): {count} unit",
            "📝 With a draft ({deadline}): {count} units",
            count,
        )
    return ctx.ngettext(
        "📋 Not submitted yet ({deadline}): {count} unit",
        "📋 Not submitted yet ({deadline}): {count} units",
        count,
    )


def _is(which: str, unit: UnitState) -> bool:
    if which == "submitted":
        return unit.done
    if which == "draft":
        return stage(unit) == "draft"
    return not unit.done


async def page_of(
    ctx: Context,
    page: int,
    scope: Scope,
    which: str = "pending",
    *,
    review: DeadlineSpec | None = None,
) -> Reply:
    """A page of the units in `scope` that are `which` (pending, submitted or draft), for
    registration or for a review's reports."""
    units = scope.keep(await unit_states(ctx.db, ctx.campaign.id))
    deadlines = [review] if review is not None else tracked(ctx.campaign)
    found = standing(ctx.campaign, deadlines[0], units).units if deadlines else []
    listed = [u for u in found if _is(which, u)]
    listed.sort(key=lambda u: (ctx.campaign.group_rank(u.group), u.code))
    label = ctx.text_of(deadlines[0].label) if deadlines else ""
    title = scope.title(ctx)
    if not listed:
        empty = {
            "submitted": ctx._("No unit has submitted yet: {deadline}."),
            "draft": ctx._("No unit has a draft: {deadline}."),
            "pending": ctx._("Every unit has submitted: {deadline}."),
        }[which].format(deadline=label)
        return Reply(f"{title}\n{empty}" if title else empty)
    pages = (len(listed) + PAGE - 1) // PAGE
    page = min(max(page, 1), pages)
    people = await linked_people(ctx.db, ctx.campaign.id)
    lines = [title] if title and scope.group is None else []  # a group heads its section
    lines += [
        _heading(ctx, which, len(listed)).format(deadline=label, count=ctx.number(len(listed))),
        due_line(ctx, deadlines[0]),
    ]
    heading = None
    for unit in listed[(page - 1) * PAGE : page * PAGE]:
        if unit.group != heading:
            heading = unit.group
            lines += ["", ctx.campaign.group_name(unit.group)]
        leaders = [p for p in people.get(unit.id, []) if p.role == "leader"]
        parts = [state_of(ctx, ctx.campaign, unit), people_text(ctx, leaders)]
        if contact := contact_text(ctx, unit):
            parts.append("☎ " + contact)
        lines.append(f"{MARKS[stage(unit)]} {unit.code} — {unit.name}: " + " · ".join(parts))
    buttons: list[Button] = []
    if pages > 1:
        lines += ["", ctx._("Page {page} of {pages}").format(page=page, pages=pages)]
        number = "" if scope.group is None else str(ctx.campaign.groups.index(scope.group))
        tail = f"{number}:{WHICH[which]}{KIND_FLAGS.get(scope.kind or '', '')}"
        tail = (tail + (f":{review.key}" if review is not None else "")).rstrip(":")
        if page > 1:
            buttons.append(Button(ctx._("◀️ Previous"), f"pend:{page - 1}:{tail}"))
        if page < pages:
            buttons.append(Button(ctx._("Next ▶️"), f"pend:{page + 1}:{tail}"))
    return Reply("\n".join(lines), buttons=tuple(buttons))
