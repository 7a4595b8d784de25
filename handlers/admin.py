"""Emulation office commands: reopen a pledge after the deadline, list the unit codes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from handlers.campaign import DeadlineSpec
from handlers.office.reports.places import find_place
from handlers.office.reports.status import not_found
from handlers.review.answers import begin
from handlers.review.questions import split_review
from handlers.router import N_, Router
from handlers.text import whole_number
from handlers.types import Button, Context, Incoming, Reply, Voice, pack
from storage import accounts, audit, outbox, pledges, reviews
from storage.campaigns import find_unit, list_units
from storage.models import Unit

router = Router()
DEFAULT_DAYS, MAX_DAYS = 7, 90


@router.command(
    "unlock",
    "mokhoa",
    description=N_("reopen a unit's pledge (or its review report) after the deadline"),
    role="admin",
    usage=N_("UNIT [REVIEW] [DAYS]"),
)
async def unlock(msg: Incoming, ctx: Context) -> list[Reply]:
    review, typed_args = split_review(ctx.campaign, msg.args)
    words = typed_args.split()
    typed_days = words.pop() if len(words) > 1 and words[-1][:1].isdigit() else None
    if (
        typed_days is None
        and len(words) == 2
        and await find_unit(ctx.db, ctx.campaign.id, words[0])
    ):
        typed_days = words.pop()  # "/mokhoa TAMKY abc": the code, then days that are no number
    if not words:
        return [
            Reply(
                ctx._("Please write it as /unlock UNIT_CODE [DAYS], for example /unlock TAMKY 7.")
            )
        ]
    typed = " ".join(words)
    place = await find_place(ctx, typed)  # a code, an alias or the name: "hoi an", "tp hoi an"
    if len(place.units) != 1 or place.group is not None:  # none, or several to choose from
        return [not_found(ctx, typed, place, "unlock", typed_days or "")]
    unit = place.units[0]
    days = whole_number(typed_days) if typed_days is not None else DEFAULT_DAYS
    if days is None or not 1 <= days <= MAX_DAYS:
        return [
            Reply(
                ctx._("The number of days must be a whole number from 1 to {maximum}.").format(
                    maximum=MAX_DAYS
                )
            )
        ]
    now = ctx.now()
    if review is not None:
        return [await _unlock_report(ctx, review, unit, now + timedelta(days=days))]
    until, due = now + timedelta(days=days), ctx.campaign.registration_due
    if until <= due:  # the deadline has not passed: nothing is locked yet
        return [
            Reply(
                ctx._(
                    "Registration is still open: {unit} can change its pledge until the "
                    "deadline, {moment}. Nothing to reopen yet."
                ).format(unit=unit.name, moment=ctx.when(due))
            )
        ]
    pledge = await pledges.open_pledge(ctx.db, unit.id, ctx.campaign.id, now)
    current = pledge.unlocked_until
    if current is not None and current >= until:  # never shortened by a second /unlock
        return [
            Reply(
                ctx._(
                    "The pledge of {unit} is already open until {moment}, which is later. "
                    "Nothing was changed."
                ).format(unit=unit.name, moment=ctx.when(current))
            )
        ]
    await pledges.unlock_pledge(ctx.db, pledge, until, by=ctx.account.id, at=now)
    await audit.record(
        ctx.db,
        now,
        f"{ctx.account.channel}:{ctx.account.user_id}",
        "unlock",
        f"unit={unit.code} until={until.isoformat()}",
    )
    if current is not None and current > now:
        text = ctx._("The pledge of {unit} stays open longer: until {moment}, not {before}.")
    else:
        text = ctx._("The pledge of {unit} can be changed until {moment}.")
    reopened = _pledge_reopened(until, submitted=pledge.status == "submitted")
    told = await _tell_leaders(ctx, unit.id, reopened)
    text = text.format(
        unit=unit.name,
        moment=ctx.when(until),
        before=ctx.when(current) if current is not None else "",
    )
    return [Reply(f"{text} {told}")]


async def _tell_leaders(ctx: Context, unit_id: int, told: Callable[[Voice], Reply]) -> str:
    """The unit's leaders hear of a reopening on their own channels, each in their language;
    what the office is told of it."""
    leaders = await accounts.unit_leaders(ctx.db, unit_id)
    for leader in leaders:
        reply = told(ctx.voice(leader.locale))
        await outbox.enqueue(ctx.db, leader.id, "unlock", pack([reply]), ctx.now())
    if not leaders:
        return ctx._("No one of the unit is linked to the bot yet.")
    return ctx.ngettext(
        "{count} leader of the unit is told so.",
        "{count} leaders of the unit are told so.",
        len(leaders),
    ).format(count=len(leaders))


def _pledge_reopened(until: datetime, *, submitted: bool) -> Callable[[Voice], Reply]:
    """A reopened pledge, to its leaders: one submitted to change, one never submitted to
    finish."""

    def told(voice: Voice) -> Reply:
        if submitted:
            said = voice._(
                "The emulation office reopened your unit's pledge: it can be changed until "
                "{moment}. Send /mypledge and press «Change an answer»."
            ).format(moment=voice.when(until))
            button = Button(voice._("See the pledge"), "cmd:mypledge")
        else:
            said = voice._(
                "The emulation office reopened the registration for your unit until {moment}. "
                "Send /register to fill in and submit the pledge."
            ).format(moment=voice.when(until))
            button = Button(voice._("Register now"), "cmd:register")
        return Reply(said, (button,))

    return told


async def _unlock_report(ctx: Context, review: DeadlineSpec, unit: Unit, until: datetime) -> Reply:
    now, label = ctx.now(), ctx.text_of(review.label)
    due = ctx.campaign.due_at(review)
    if until <= due:
        return Reply(
            ctx._(
                "The {review} is still open: {unit} can change its report until the deadline, "
                "{moment}. Nothing to reopen yet."
            ).format(review=label, unit=unit.name, moment=ctx.when(due))
        )
    pledge = await pledges.find_pledge(ctx.db, unit.id, ctx.campaign.id)
    if (report := await begin(ctx, unit.id, review, pledge)) is None:
        return Reply(
            ctx._(
                "{unit} has no submitted pledge, so it has no report to reopen. "
                "Reopen its pledge first: /unlock {code}."
            ).format(unit=unit.name, code=unit.code)
        )
    current = report.unlocked_until
    if current is not None and current >= until:
        return Reply(
            ctx._(
                "The {review} of {unit} is already open until {moment}, which is later. "
                "Nothing was changed."
            ).format(review=label, unit=unit.name, moment=ctx.when(current))
        )
    await reviews.unlock_report(ctx.db, report, until, by=ctx.account.id, at=now)
    actor = f"{ctx.account.channel}:{ctx.account.user_id}"
    detail = f"unit={unit.code} review={review.key} until={until.isoformat()}"
    await audit.record(ctx.db, now, actor, "unlock", detail)

    def told(voice: Voice) -> Reply:
        said = voice._(
            "The emulation office reopened your unit's {review} until {moment}. Send /report "
            "to finish or change it."
        ).format(review=voice.text_of(review.label), moment=voice.when(until))
        return Reply(said, (Button(voice._("📝 Report"), "cmd:report"),))

    text = ctx._("The {review} of {unit} can be changed until {moment}.").format(
        review=label, unit=unit.name, moment=ctx.when(until)
    )
    return Reply(f"{text} {await _tell_leaders(ctx, unit.id, told)}")


@router.command("units", "donvi", description=N_("list the units and their codes"), role="staff")
async def units(msg: Incoming, ctx: Context) -> list[Reply]:
    rows = await list_units(ctx.db, ctx.campaign.id)
    groups = {g.key: g.name for g in ctx.campaign.groups}
    lines = [ctx._("{count} units:").format(count=len(rows))]
    for key, name in groups.items():
        members = [u for u in rows if u.group == key]
        if members:
            lines.append(f"\n{name}")
            lines.extend(f"  {u.code} — {u.name}" for u in members)
    return [Reply("\n".join(lines))]
