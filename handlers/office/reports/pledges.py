"""Any unit's pledge for the office (/mypledge UNIT): the answers and who changed what, when."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from handlers.campaign import Campaign
from handlers.office.reports.places import find_place
from handlers.office.reports.status import CHANNELS, not_found
from handlers.pledge_view import answer_text, is_empty, summary, summary_strong
from handlers.review.questions import answer_label
from handlers.review.view import latest_report, report_value
from handlers.router import may_use
from handlers.types import Context, Reply, Speech
from storage.reports import Change, changes, count_changes, pledge_rows

SHOWN = 15  # the newest changes in chat; the export has them all
TOGETHER = timedelta(minutes=10)


async def show_unit_pledge(ctx: Context, typed: str) -> list[Reply] | None:
    """Any unit's pledge for the office; None for a leader who names their own unit."""
    if not may_use(ctx.account.role, "staff"):
        own = ctx.account.unit_id
        place = await find_place(ctx, typed) if own is not None else None
        if place is not None and [u.id for u in place.units] == [own]:
            return None  # a leader naming their own unit: their own pledge
        return [
            Reply(
                ctx._(
                    "Only the emulation office can see other units' pledges. "
                    "/mypledge shows your own unit's."
                )
            )
        ]
    place = await find_place(ctx, typed)
    if len(place.units) != 1:
        if place.group is not None or place.units:
            return [Reply(ctx._("Please name one unit, for example /mypledge HOIAN."))]
        return [not_found(ctx, typed, place, "mypledge")]
    [row] = await pledge_rows(ctx.db, ctx.campaign.id, place.units[0].id)
    unit, pledge = row.unit, row.pledge
    if pledge is None or is_empty(pledge):
        return [
            Reply(
                ctx._("{unit} ({code}) has not started its pledge yet.").format(
                    unit=unit.name, code=unit.code
                )
            )
        ]
    recent = await changes(ctx.db, ctx.campaign.id, unit.id, latest=SHOWN * 4)
    history = merged(recent)[-SHOWN:]
    total = await count_changes(ctx.db, ctx.campaign.id, unit.id)
    lines = [ctx._("History of changes ({count}):").format(count=ctx.number(total))]
    lines += [
        f"• {change_line(ctx, ctx.campaign, change)}"
        + (" " + ctx.ngettext("({n} change)", "({n} changes)", n).format(n=n) if n > 1 else "")
        for change, n in history
    ]
    if (earlier := total - sum(n for _, n in history)) > 0:
        lines.append(
            ctx._("… and {count} earlier changes: /export has them all.").format(
                count=ctx.number(earlier)
            )
        )
    shown = Reply(summary(pledge, unit, ctx), strong=summary_strong(unit, ctx))
    reported = await latest_report(ctx, unit.id, office=True)
    return [shown, *reported, Reply("\n".join(lines))]


def merged(history: list[Change]) -> list[tuple[Change, int]]:
    """One line per answer given: ticking three movements, or adding targets one by one, by
    one person within minutes, reads as one change (from the first old to the last new)."""
    lines: list[tuple[Change, int]] = []
    for change in history:
        if lines:
            last, count = lines[-1]
            if (
                change.field == last.field
                and change.field not in ("status", "unlocked_until")
                and change.by_id == last.by_id
                and change.at - last.at <= TOGETHER
            ):
                lines[-1] = (replace(change, old=last.old), count + 1)
                continue
        lines.append((change, 1))
    return lines


def what_changed(voice: Speech, campaign: Campaign, field: str) -> str:
    review, _, answer = field.rpartition("/")  # "mid_year/result.2": a review report's answer
    if (deadline := campaign.deadline(review)) is not None and deadline.report is not None:
        label = answer_label(voice, campaign, deadline.report, answer)
        return f"{voice.text_of(deadline.label)}: {label}"
    if field == "status":
        return voice._("submitted the pledge")
    if field == "unlocked_until":
        return voice._("reopened the pledge")
    found = campaign.field(field)
    return voice.text_of(found.label) if found is not None else field


def value_text(voice: Speech, campaign: Campaign, field: str, value: Any, *, joiner: str) -> str:
    """A revision's value in words: list items joined by `joiner`."""
    if "/" in field:  # a review report's answer
        return report_value(voice, field.rpartition("/")[2], value)
    found = campaign.field(field)
    if found is None or value is None:
        return "" if value is None else str(value)
    if found.kind == "multichoice" and isinstance(value, list):
        labels = {o.key: voice.text_of(o.label) for o in found.options}
        return joiner.join(labels.get(str(key), str(key)) for key in value)
    if isinstance(value, list):
        return joiner.join(str(item) for item in value)
    try:
        return answer_text(found, value, voice)
    except (TypeError, ValueError):  # saved before the campaign file changed the field's kind
        return str(value)


def who(voice: Speech, change: Change) -> str:
    """The person's name, or where they wrote from and their account number."""
    if change.by:
        return change.by
    if change.by_id is None:
        return voice._("the bot")
    where = CHANNELS.get(change.by_channel or "") or voice._("web page")
    return voice._("someone on {channel} (#{number})").format(channel=where, number=change.by_id)


def change_line(ctx: Context, campaign: Campaign, change: Change) -> str:
    head = (
        f"{ctx.when(change.at)} — {who(ctx, change)}, {what_changed(ctx, campaign, change.field)}"
    )
    if change.field in ("status", "unlocked_until"):
        return head
    new = value_text(ctx, campaign, change.field, change.new, joiner="; ")
    if change.old in (None, "", []):
        return f"{head}: {_cut(new)}"
    old = value_text(ctx, campaign, change.field, change.old, joiner="; ")
    return f"{head}: {_cut(old)} → {_cut(new)}"


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
