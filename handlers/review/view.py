"""How a review report reads back: its summary, the pledge beside it, where it stands."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Literal

from handlers.campaign import DeadlineSpec
from handlers.pledge_view import answer_text, office_contact
from handlers.review.questions import (
    ASSESSMENTS,
    MARKS,
    SIGNED,
    Ask,
    asks,
    at_risk,
    is_closed,
    progress,
)
from handlers.types import Attachment, Button, Context, Reply, Speech
from storage import media, reviews
from storage.models import Report, Unit


def report_asks(ctx: Context, deadline: DeadlineSpec, report: Report) -> list[Ask]:
    assert deadline.report is not None
    return asks(ctx, ctx.campaign, deadline.report, report.pledged)


def assessment_text(speech: Speech, key: Any) -> str:
    label = ASSESSMENTS.get(str(key))
    return f"{MARKS[str(key)]} {speech._(label)}" if label else "—"


def value_text(speech: Speech, ask: Ask, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if ask.kind == "assess":
        return assessment_text(speech, value)
    if ask.kind == "signed":
        return signed_text(speech, value)
    return answer_text(ask.field, value, speech)


def signed_text(speech: Speech, value: Any) -> str:
    if not isinstance(value, dict):
        return speech._("sent another way, not through the bot")
    return speech._("file {name}").format(name=value.get("name", ""))


def report_value(speech: Speech, key: str, value: Any) -> str:
    """A report answer's value in words, from its key alone (for its history)."""
    if value is None:
        return ""
    if key.startswith("assess."):
        return assessment_text(speech, value)
    if key == SIGNED:
        return signed_text(speech, value)
    if key == "status":
        return speech._("Submitted") if value == "submitted" else speech._("Draft")
    if key == "unlocked_until" and isinstance(value, str):
        try:
            return speech.when(datetime.fromisoformat(value))
        except ValueError:
            return value
    return speech.number(value) if isinstance(value, int) else str(value)


def heading(ctx: Context, deadline: DeadlineSpec, unit: Unit) -> str:
    return ctx._("{review} of {unit}").format(review=ctx.text_of(deadline.label), unit=unit.name)


def status_line(ctx: Context, deadline: DeadlineSpec, report: Report) -> str:
    due, now = ctx.campaign.due_at(deadline), ctx.now()
    if report.status == "submitted" and report.submitted_at is not None:
        said = (
            ctx._("Status: submitted at {moment}, after the deadline (reopened by the office).")
            if report.submitted_at >= due
            else ctx._("Status: submitted at {moment}.")
        )
        line = said.format(moment=ctx.when(report.submitted_at))
        if report.updated_at > report.submitted_at:
            line += " " + ctx._("Last changed at {moment}.").format(
                moment=ctx.when(report.updated_at)
            )
    else:
        assert deadline.report is not None
        done, total = progress(ctx.campaign, deadline.report, report.pledged, report.fields)
        line = ctx._("Status: draft, {done} of {total} answers given, not submitted yet.").format(
            done=done, total=total
        )
    if is_closed(due, report.unlocked_until, now):
        line += " " + ctx._(
            "The review closed at {moment}, so it can no longer be changed."
        ).format(moment=ctx.when(due))
    elif now >= due and report.unlocked_until is not None:
        line += " " + ctx._("Reopened by the emulation office until {moment}.").format(
            moment=ctx.when(report.unlocked_until)
        )
    else:
        line += " " + ctx._("Due at {moment} ({left} left).").format(
            moment=ctx.when(due), left=ctx.span(due - now)
        )
    return line


def summary(ctx: Context, deadline: DeadlineSpec, report: Report, unit: Unit) -> str:
    """Each target with its result and assessment, then the titles and the other answers."""
    found = report_asks(ctx, deadline, report)
    lines = [heading(ctx, deadline, unit), status_line(ctx, deadline, report), ""]
    targets: list[str] = report.pledged.get("targets") or []
    for number, ask in enumerate(found, start=1):
        value = report.fields.get(ask.key)
        if ask.kind == "result":
            lines.append(f"{ask.target}. {targets[ask.target - 1]}")
            lines.append(
                f"   ({number}) "
                + ctx._("Reached: {value}").format(value=value_text(ctx, ask, value))
            )
        elif ask.kind == "assess":
            lines.append(f"   ({number}) {value_text(ctx, ask, value)}")
        elif ask.kind == "proposed":
            pledged = report.pledged.get("titles", {}).get(ask.key.partition(".")[2], 0)
            lines.append(
                f"({number}) {ask.label}: {value_text(ctx, ask, value)} "
                + ctx._("(pledged {count})").format(count=ctx.number(int(pledged)))
            )
        else:
            lines.append(f"({number}) {ask.label}: {value_text(ctx, ask, value)}")
    if at_risk(report.pledged, report.fields):
        lines += ["", ctx._("⚠️ Most targets are at risk or not done.")]
    return "\n".join(lines)


def buttons(ctx: Context, report: Report) -> tuple[Button, ...]:
    key = report.deadline  # the buttons still act on this report once the person has left it
    edit = Button(ctx._("✏️ Change an answer"), f"rv:edit:{key}")
    if report.status == "submitted":
        return (edit, Button(ctx._("Close"), f"rv:close:{key}"))
    return (Button(ctx._("✅ Confirm and submit"), f"rv:confirm:{key}"), edit)


def review(
    ctx: Context, deadline: DeadlineSpec, report: Report, unit: Unit, *, note: str = ""
) -> list[Reply]:
    if report.status == "submitted":
        ask = ctx._("Changes to a submitted report are saved at once and kept in its history.")
    else:
        ask = ctx._("Please check your answers. Press Confirm to submit the report.")
    text = summary(ctx, deadline, report, unit) + "\n\n" + ask
    text = f"{note}\n\n{text}" if note else text
    return [Reply(text, buttons=buttons(ctx, report), strong=(heading(ctx, deadline, unit),))]


def closed_reply(ctx: Context, deadline: DeadlineSpec, report: Report | None) -> Reply:
    moment = ctx.when(ctx.campaign.due_at(deadline))
    label = ctx.text_of(deadline.label)
    if report is not None and report.status == "submitted":
        text = ctx._(
            "The {review} closed at {moment}, so the report can no longer be changed. If it "
            "must be amended, please ask the emulation office to reopen it."
        ).format(review=label, moment=moment)
    else:
        text = ctx._(
            "The {review} closed at {moment} and your unit's report was not submitted. Please "
            "contact the emulation office: it can reopen the report for your unit."
        ).format(review=label, moment=moment)
    contact = office_contact(ctx)
    return Reply(f"{text}\n{contact}" if contact else text)


def beside(ctx: Context, deadline: DeadlineSpec, report: Report) -> Reply:
    """The pledge against a report, per target: pledged against reached, then the titles and
    the report's own answers."""
    if report.status == "submitted" and report.submitted_at is not None:
        state = ctx._("submitted at {moment}").format(moment=ctx.when(report.submitted_at))
    else:
        state = ctx._("draft")
    lines = [
        ctx._("Pledged and reached ({review}, {state}):").format(
            review=ctx.text_of(deadline.label), state=state
        )
    ]
    for number, target in enumerate(report.pledged.get("targets") or [], start=1):
        reached = report.fields.get(f"result.{number}") or "—"
        mark = assessment_text(ctx, report.fields.get(f"assess.{number}"))
        lines.append(f"{number}. {target}\n   → {reached} · {mark}")
    for key, count in (report.pledged.get("titles") or {}).items():
        title = ctx.campaign.field(key)
        proposed = report.fields.get(f"proposed.{key}")
        if title is not None:
            lines.append(
                ctx._("• {title}: pledged {count}, proposed {proposed}").format(
                    title=ctx.text_of(title.label),
                    count=ctx.number(int(count)),
                    proposed=ctx.number(int(proposed)) if proposed is not None else "—",
                )
            )
    assert deadline.report is not None
    for field in deadline.report.fields:
        if (value := report.fields.get(field.key)) not in (None, ""):
            lines.append(f"• {ctx.text_of(field.label)}: {answer_text(field, value, ctx)}")
    return Reply("\n".join(lines))


def shown_report(campaign_reviews: list[DeadlineSpec], kept: dict[str, Report]) -> Report | None:
    """The report to show beside the pledge: the latest submitted, else the latest begun."""
    begun = [kept[d.key] for d in campaign_reviews if d.key in kept and kept[d.key].fields]
    submitted = [r for r in begun if r.status == "submitted"]
    found = submitted or begun
    return found[-1] if found else None


async def latest_report(ctx: Context, unit_id: int, *, office: bool = False) -> list[Reply]:
    """The unit's latest report beside the pledge; [] if none. The office gets the signed copy
    with it, the unit a button to its report."""
    kept = {r.deadline: r for r in await reviews.unit_reports(ctx.db, unit_id, ctx.campaign.id)}
    report = shown_report(ctx.campaign.reviews(), kept)
    deadline = ctx.campaign.deadline(report.deadline) if report is not None else None
    if report is None or deadline is None:
        return []
    shown = beside(ctx, deadline, report)
    if not office:
        button = Button(ctx._("📝 Report"), f"cmd:report {deadline.key}")
        return [replace(shown, buttons=(button,))]
    copy = report.fields.get(SIGNED)
    stored = await media.find_media(ctx.db, str(copy["ref"])) if isinstance(copy, dict) else None
    if isinstance(copy, dict) and stored is not None:
        kind: Literal["image", "document"] = "image" if copy.get("kind") == "image" else "document"
        file = Attachment(kind, stored.name, stored.data)
        return [shown, Reply(ctx._("The signed report:"), attachments=(file,))]
    return [shown]
