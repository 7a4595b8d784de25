"""How a pledge reads back: answers in words, the summary, and whether it may still change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from handlers.campaign import Campaign, FormField
from handlers.types import Button, Context, Reply, Speech
from storage.models import Pledge, Unit


def is_locked(pledge: Pledge | None, campaign: Campaign, now: datetime) -> bool:
    """Closed after the registration deadline, unless an admin has reopened this pledge."""
    if now < campaign.registration_due:
        return False
    return not (pledge is not None and pledge.unlocked_until and now < pledge.unlocked_until)


def is_empty(pledge: Pledge) -> bool:
    """A draft with nothing in it yet (opening /register makes one)."""
    return pledge.status == "draft" and not pledge.fields


def is_answered(field: FormField, value: Any) -> bool:
    if field.kind in ("multichoice", "list"):
        return bool(value)
    return value is not None and value != ""


def missing_fields(pledge: Pledge, campaign: Campaign) -> list[FormField]:
    return [f for f in campaign.form if not is_answered(f, pledge.fields.get(f.key))]


def contact_of(campaign: Campaign, fields: dict[str, Any]) -> tuple[str, str | None]:
    """The pledge's contact person (or "") and first phone answer, shown (or None)."""
    phone = next(
        (str(fields[f.key]) for f in campaign.form if f.kind == "phone" and fields.get(f.key)),
        None,
    )
    return str(fields.get("contact_name") or ""), show_phone(phone) if phone else None


def show_phone(digits: str) -> str:
    if len(digits) == 10:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:4]} {digits[4:8]} {digits[8:]}"


def answer_text(field: FormField, value: Any, ctx: Speech) -> str:
    if not is_answered(field, value):
        return "—"
    if field.kind == "choice":
        option = field.option(str(value))
        return ctx.text_of(option.label) if option else str(value)
    if field.kind == "count":
        return ctx.number(int(value))
    if field.kind == "multichoice":
        labels = [ctx.text_of(o.label) for o in field.options if o.key in value]
        return "; ".join(labels)
    if field.kind == "list":
        return "".join(f"\n   {n}. {item}" for n, item in enumerate(value, start=1))
    if field.kind == "phone":
        return show_phone(str(value))
    return str(value)


def status_line(pledge: Pledge, ctx: Context) -> str:
    locked = is_locked(pledge, ctx.campaign, ctx.now())
    if pledge.status == "submitted" and pledge.submitted_at is not None:
        line = ctx._("Status: submitted at {moment}.").format(moment=ctx.when(pledge.submitted_at))
        if pledge.updated_at > pledge.submitted_at:
            line += " " + ctx._("Last changed at {moment}.").format(
                moment=ctx.when(pledge.updated_at)
            )
    else:
        done = len(ctx.campaign.form) - len(missing_fields(pledge, ctx.campaign))
        line = ctx._("Status: draft, {done} of {total} answers given, not submitted yet.").format(
            done=done, total=len(ctx.campaign.form)
        )
    if locked:
        line += " " + ctx._("Registration is closed, so it can no longer be changed.")
    elif ctx.now() >= ctx.campaign.registration_due and pledge.unlocked_until is not None:
        line += " " + ctx._("Reopened by the emulation office until {moment}.").format(
            moment=ctx.when(pledge.unlocked_until)
        )
    return line


def summary(pledge: Pledge, unit: Unit, ctx: Context) -> str:
    lines = [
        ctx._("Emulation pledge of {unit}").format(unit=unit.name),
        status_line(pledge, ctx),
        "",
    ]
    for field in ctx.campaign.form:
        value = answer_text(field, pledge.fields.get(field.key), ctx)
        label = ctx.text_of(field.label)  # a list starts on its own line
        lines.append(f"• {label}:{value}" if value.startswith("\n") else f"• {label}: {value}")
    return "\n".join(lines)


def summary_strong(unit: Unit, ctx: Context) -> tuple[str, ...]:
    """What a summary shows bold where it can: its heading and each field's name."""
    heading = ctx._("Emulation pledge of {unit}").format(unit=unit.name)
    return (heading, *(ctx.text_of(f.label) + ":" for f in ctx.campaign.form))


def review_buttons(pledge: Pledge, ctx: Context) -> tuple[Button, ...]:
    """What can be done at the summary: confirm a draft, or amend a submitted pledge."""
    edit = Button(ctx._("✏️ Change an answer"), "edit")
    if pledge.status == "submitted":
        return (edit, Button(ctx._("Close"), "close"))
    return (Button(ctx._("✅ Confirm and submit"), "confirm"), edit)


def review(pledge: Pledge, unit: Unit, ctx: Context, *, note: str = "") -> list[Reply]:
    """The summary with what can be done next: confirm a draft, or amend a submitted pledge."""
    if pledge.status == "submitted":
        ask = ctx._("Changes to a submitted pledge are saved at once and kept in its history.")
    else:
        ask = ctx._("Please check your answers. Press Confirm to submit the pledge.")
    text = summary(pledge, unit, ctx) + "\n\n" + ask
    text = f"{note}\n\n{text}" if note else text
    return [Reply(text, buttons=review_buttons(pledge, ctx), strong=summary_strong(unit, ctx))]


def office_contact(ctx: Context) -> str:
    """'Emulation office: name, ☎ phone, ✉ e-mail' from the campaign file, or ''."""
    office = ctx.campaign.office
    if office is None:
        return ""
    parts = [office.name, *(f"☎ {office.phone}",) * bool(office.phone)]
    parts += [f"✉ {office.email}"] * bool(office.email)
    return ctx._("Emulation office: {contact}").format(contact=", ".join(parts))


def locked_reply(ctx: Context, pledge: Pledge | None = None) -> Reply:
    moment = ctx.when(ctx.campaign.registration_due)
    if pledge is not None and pledge.status == "submitted":
        text = ctx._(
            "Registration closed at {moment}, so the pledge can no longer be changed. "
            "If it must be amended, please ask the emulation office to reopen it. "
            "/mypledge shows what was registered."
        ).format(moment=moment)
    else:  # never submitted: nothing to look at, the office is the way on
        text = ctx._(
            "Registration closed at {moment} and your unit's pledge was not submitted. "
            "Please contact the emulation office: it can reopen the registration for your unit."
        ).format(moment=moment)
    contact = office_contact(ctx)
    return Reply(f"{text}\n{contact}" if contact else text)


def not_linked_reply(ctx: Context) -> Reply:
    return Reply(
        ctx._(
            "This chat is not linked to a unit yet. Please send the invite code that the "
            "emulation office gave you (it looks like ABCD-EFGH)."
        )
    )


def next_step(ctx: Context, pledge: Pledge | None) -> Reply:
    """What a leader does next, from where the unit's pledge stands: register, see what was
    submitted, or (registration closed) ask the office."""
    if pledge is not None and pledge.status == "submitted" and pledge.submitted_at is not None:
        text = ctx._("Your unit submitted its pledge at {moment}. /mypledge shows it.").format(
            moment=ctx.when(pledge.submitted_at)
        )
        buttons: tuple[Button, ...] = (Button(ctx._("See the pledge"), "cmd:mypledge"),)
        if ctx.campaign.reviews() and ctx.now() >= ctx.campaign.registration_due:
            text += " " + ctx._("At the mid-year and year-end reviews it reports with /report.")
            buttons += (Button(ctx._("📝 Report"), "cmd:report"),)
        return Reply(text, buttons=buttons)
    if is_locked(pledge, ctx.campaign, ctx.now()):
        return locked_reply(ctx, pledge)
    text = ctx._("Next step: register your unit's emulation pledge with /register.")
    return Reply(text, buttons=(Button(ctx._("Register now"), "cmd:register"),))


def implausible(ctx: Context, pledge: Pledge, answered: FormField) -> str | None:
    """A count above the count it is usually chosen from (as the campaign file says), where
    the answer just given is one of the two."""
    for field in ctx.campaign.form:
        other = ctx.campaign.field(field.at_most) if field.at_most else None
        if answered.key not in (field.key, other.key if other else None):
            continue
        more, limit = pledge.fields.get(field.key), pledge.fields.get(other.key) if other else None
        if other is not None and isinstance(more, int) and isinstance(limit, int) and more > limit:
            return ctx._(
                "{more} for “{field}” is more than the {limit} for “{other}”, from whom they "
                "are usually chosen. Is that right?"
            ).format(
                more=ctx.number(more),
                field=ctx.text_of(field.label),
                limit=ctx.number(limit),
                other=ctx.text_of(other.label),
            )
    return None
