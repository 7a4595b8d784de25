"""The review report, one question at a time: /report starts or continues the report of the
review open now; every answer is saved as it is given; back, edit from the summary, confirm."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from handlers import pledge_talk as talk
from handlers import reading
from handlers.campaign import DeadlineSpec
from handlers.form import Problem
from handlers.pledge_fields import answered_aside
from handlers.pledge_view import not_linked_reply, office_contact
from handlers.reminders.commands import request_reopening
from handlers.review import answers
from handlers.review.answers import (
    CHOOSE,
    REVIEW,
    STEP,
    ask_reply,
    begin,
    closed_now,
    loaded,
    show_review,
    signed_copy,
    still_open,
)
from handlers.review.questions import (
    SIGNED,
    Ask,
    is_closed,
    missing,
    named_review,
    open_review,
    opens_at,
)
from handlers.review.view import (
    buttons,
    closed_reply,
    heading,
    report_asks,
    summary,
    value_text,
)
from handlers.router import N_, Router
from handlers.text import said, whole_number
from handlers.types import Button, Context, Incoming, Reply
from storage import pledges, reviews
from storage.campaigns import get_unit
from storage.models import Report

router = Router()
router.include(answers.router)
REMEMBERED = timedelta(days=45)  # an unsubmitted review is brought up this long after it closed
REPORT_WORDS = {
    "bao cao",
    "lam bao cao",
    "nop bao cao",
    "bao cao tiep",
    "report",
    "bao cao so ket",
}
REPORT_WORDS |= {"bao cao tong ket", "lam bao cao so ket", "lam bao cao tong ket"}


@router.command(
    "report",
    "baocao",
    description=N_("report your unit's results at the mid-year or year-end review"),
    usage=N_("[REVIEW]"),
    resumes=False,
)
async def start(msg: Incoming, ctx: Context) -> list[Reply]:
    if ctx.account.unit_id is None and ctx.account.role != "leader":
        return [
            Reply(
                ctx._(
                    "Units report with /report. The office sees their reports with /status, "
                    "/mypledge UNIT and /export."
                )
            )
        ]
    if ctx.account.unit_id is None:
        return [not_linked_reply(ctx)]
    if not ctx.campaign.reviews():
        return [Reply(ctx._("This campaign asks for no review reports."))]
    now, unit_id = ctx.now(), ctx.account.unit_id
    kept = {r.deadline: r for r in await reviews.unit_reports(ctx.db, unit_id, ctx.campaign.id)}
    pledge = await pledges.find_pledge(ctx.db, unit_id, ctx.campaign.id)
    if not kept and not pledges.is_submitted(pledge):
        return [_no_pledge(ctx)]  # nothing to report against, in any review
    reopened = {key: r.unlocked_until for key, r in kept.items()}
    named = named_review(ctx.campaign, msg.args)
    deadline = named or open_review(ctx.campaign, reopened, now)
    if named is None and (missed := _missed(ctx, deadline, kept)) is not None:
        return [missed]  # an earlier review closed unsubmitted: the office first
    if deadline is None:
        upcoming = next((d for d in ctx.campaign.reviews() if now < ctx.campaign.due_at(d)), None)
        deadline = upcoming or ctx.campaign.reviews()[-1]  # not open yet, or all are over
    report = kept.get(deadline.key)
    if report is None and not pledges.is_submitted(pledge):
        return [_no_pledge(ctx)]
    start_at = opens_at(ctx.campaign, deadline)
    reopened_now = report is not None and report.unlocked_until is not None
    if start_at is not None and now < start_at and not reopened_now:
        return [_not_yet(ctx, deadline, start_at)]
    if is_closed(ctx.campaign.due_at(deadline), report.unlocked_until if report else None, now):
        if report is None or not report.fields:
            return [closed_reply(ctx, deadline, report)]
        unit = await get_unit(ctx.db, unit_id)  # what was reported, to read; no more changes
        shown = Reply(summary(ctx, deadline, report, unit), strong=(heading(ctx, deadline, unit),))
        return [shown, closed_reply(ctx, deadline, report)]
    report = report or await begin(ctx, unit_id, deadline, pledge)
    assert report is not None  # a submitted pledge was checked above
    return await _resume(ctx, deadline, report)


def _no_pledge(ctx: Context) -> Reply:
    text = ctx._(
        "Your unit has no submitted pledge, so there is nothing to report against yet. "
        "Please contact the emulation office."
    )
    buttons: tuple[Button, ...] = ()
    if ctx.now() < ctx.campaign.registration_due:
        text = ctx._(
            "Your unit has not submitted its pledge yet, so there is nothing to report against. "
            "Registration is open until {moment}: /register."
        ).format(moment=ctx.when(ctx.campaign.registration_due))
        buttons = (Button(ctx._("Register now"), "cmd:register"),)
        return Reply(text, buttons=buttons)
    contact = office_contact(ctx)
    return Reply(f"{text}\n{contact}" if contact else text)


def _not_yet(ctx: Context, deadline: DeadlineSpec, start_at: datetime) -> Reply:
    return Reply(
        ctx._(
            "The {review} opens at {start}, once the deadline before it has passed, and is due "
            "at {moment}. /report will take you through it then."
        ).format(
            review=ctx.text_of(deadline.label),
            start=ctx.when(start_at),
            moment=ctx.when(ctx.campaign.due_at(deadline)),
        )
    )


def _missed(ctx: Context, deadline: DeadlineSpec | None, kept: dict[str, Report]) -> Reply | None:
    """An earlier review than `deadline` (or any, if None) that closed without the unit's
    report: its closed notice, with the way to ask for it to be reopened or to go on."""
    now = ctx.now()
    for earlier in ctx.campaign.reviews():
        if deadline is not None and earlier.key == deadline.key:
            return None
        report = kept.get(earlier.key)
        due = ctx.campaign.due_at(earlier)
        late = report is None or report.status != "submitted"
        if late and is_closed(due, report.unlocked_until if report else None, now):
            if now - due > REMEMBERED:
                continue  # long past: the next review is what the unit works on now
            shown = closed_reply(ctx, earlier, report)
            offered = [Button(ctx._("✉️ Ask to reopen"), f"rvo:{earlier.key}")]
            if deadline is not None:
                offered.append(
                    Button(f"📝 {ctx.text_of(deadline.label)}", f"cmd:report {deadline.key}")
                )
            return dataclasses.replace(shown, buttons=tuple(offered))
    return None


async def _resume(ctx: Context, deadline: DeadlineSpec, report: Report) -> list[Reply]:
    found = report_asks(ctx, deadline, report)
    if report.status == "submitted" or not missing(found, report.fields):
        ctx.conversation.goto(REVIEW, review=deadline.key)
        return await show_review(ctx, deadline, report)
    data, left = ctx.conversation.data, None
    if ctx.conversation.step == STEP and data.get("review") == deadline.key:
        left = next((a for a in found if a.key == data.get("q")), None)
    ask = left or missing(found, report.fields)[0]
    intro = ctx._(
        "{review}: {count} questions, built from your unit's pledge. Every answer is saved at "
        "once, so you can stop with /cancel and continue later with /report. Due at {moment}."
    ).format(
        review=ctx.text_of(deadline.label),
        count=len(found),
        moment=ctx.when(ctx.campaign.due_at(deadline)),
    )
    if left is not None:  # already at this question: only the question again
        intro = ""
    elif len(missing(found, report.fields)) < len(found):
        intro = ctx._("Welcome back: let us continue where you stopped.")
    due, until = ctx.campaign.due_at(deadline), report.unlocked_until
    if ctx.now() >= due and until is not None and left is None:  # reopened by the office
        intro += " " + ctx._("Your report is reopened until {moment} ({left} left).").format(
            moment=ctx.when(until), left=ctx.span(until - ctx.now())
        )
    ctx.conversation.goto(STEP, review=deadline.key, q=ask.key)
    return ask_reply(ctx, found, ask, report, lead=intro)


async def ask_review(ctx: Context) -> list[Reply]:
    if isinstance(found_report := await still_open(ctx), list):
        return found_report
    deadline, report = found_report
    return await show_review(ctx, deadline, report)


@router.step(REVIEW, prompt=ask_review)
async def on_review(msg: Incoming, ctx: Context) -> list[Reply]:
    if (found_report := await loaded(ctx)) is None:
        ctx.conversation.goto(None)
        return []
    deadline, report = found_report
    pressed, _, key = (msg.payload or "").removeprefix("rv:").partition(":")
    if msg.payload and msg.payload.startswith("rv:") and key and key != deadline.key:
        return await summary_button(msg, ctx)  # another review's summary, shown earlier
    if (msg.payload and pressed == "close") or (msg.payload is None and talk.closes(msg.text)):
        ctx.conversation.goto(None)
        return [Reply(ctx._("Done. /report shows the report, /mypledge the pledge beside it."))]
    if closed_now(ctx, deadline, report):
        ctx.conversation.goto(None)
        return [closed_reply(ctx, deadline, report)]
    found = report_asks(ctx, deadline, report)
    if msg.attachments and deadline.report is not None and deadline.report.signed_copy:
        return await _new_copy(ctx, deadline, report, msg)
    if msg.payload and pressed == "edit":
        return _choose(ctx, deadline, found)
    draft = report.status == "draft"
    if msg.payload and pressed == "confirm" and draft:
        return await _submit(ctx, deadline, report, found)
    if msg.payload is not None:
        return await show_review(ctx, deadline, report)
    if talk.confirms(msg.text) and draft:
        if ctx.conversation.data.get("asked"):
            return await _submit(ctx, deadline, report, found)
        ctx.conversation.put(asked=True)
        return [
            Reply(ctx._("Submit the report to the emulation office now?"), buttons(ctx, report))
        ]
    number = talk.goto_question(msg.text)
    if number is None and talk.is_back(msg.text):
        number = len(found)
    if number is not None and 1 <= number <= len(found):
        ctx.conversation.goto(STEP, review=deadline.key, q=found[number - 1].key, editing=True)
        return ask_reply(ctx, found, found[number - 1], report)
    if not draft:
        ctx.conversation.goto(None)
        return []
    if talk.reads_as_question(msg.text) or reading.asks(msg.text):
        return [await answered_aside(ctx, msg.text), *await show_review(ctx, deadline, report)]
    text = ctx._(
        "To send the report, press «Confirm and submit»; to change it, «Change an answer»."
    )
    return [Reply(text, buttons(ctx, report))]


async def _new_copy(
    ctx: Context, deadline: DeadlineSpec, report: Report, msg: Incoming
) -> list[Reply]:
    """A signed report sent at the summary: it replaces the one kept, if any."""
    value = await signed_copy(ctx, msg.attachments[0])
    if isinstance(value, Problem):
        return [Reply(value.message), *await show_review(ctx, deadline, report)]
    await reviews.set_answer(ctx.db, report, SIGNED, value, by=ctx.account.id, at=ctx.now())
    ask = next(a for a in report_asks(ctx, deadline, report) if a.key == SIGNED)
    note = ctx._("Saved: {answer}").format(answer=value_text(ctx, ask, value))
    return await show_review(ctx, deadline, report, note)


def _choose(ctx: Context, deadline: DeadlineSpec, found: list[Ask]) -> list[Reply]:
    ctx.conversation.goto(CHOOSE, review=deadline.key)
    return _choices(ctx, found)


def _choices(ctx: Context, found: list[Ask]) -> list[Reply]:
    listed = tuple(Button(f"{n}. {a.label}", f"rc:{n}") for n, a in enumerate(found, start=1))
    back = Button(ctx._("Back to the summary"), "rc:back")
    return [Reply(ctx._("Which answer do you want to change?"), buttons=(*listed, back))]


async def ask_choice(ctx: Context) -> list[Reply]:
    if isinstance(found_report := await still_open(ctx), list):
        return found_report
    deadline, report = found_report
    return _choices(ctx, report_asks(ctx, deadline, report))


@router.step(CHOOSE, prompt=ask_choice)
async def on_choice(msg: Incoming, ctx: Context) -> list[Reply]:
    if isinstance(found_report := await still_open(ctx), list):
        return found_report
    deadline, report = found_report
    found = report_asks(ctx, deadline, report)
    if msg.payload == "rc:back" or (msg.payload is None and talk.is_back(msg.text)):
        ctx.conversation.goto(REVIEW, review=deadline.key)
        return await show_review(ctx, deadline, report)
    if msg.payload is None and (talk.closes(msg.text) or talk.is_done(msg.text)):
        ctx.conversation.goto(None)
        return [Reply(ctx._("Done. /report shows the report, /mypledge the pledge beside it."))]
    if msg.payload is not None and not msg.payload.startswith("rc:"):
        expired = ctx._(
            "That button belongs to an earlier question and no longer works. "
            "The question open now is below."
        )
        return [Reply(expired), *_choices(ctx, found)]
    typed = msg.payload[3:] if msg.payload and msg.payload.startswith("rc:") else msg.text
    number = whole_number(said(typed))
    if number is None and msg.payload is None:
        number = talk.goto_question(msg.text)
    if number is None or not 1 <= number <= len(found):
        return [Reply(ctx._("Please choose one of the answers below.")), *_choices(ctx, found)]
    ctx.conversation.goto(STEP, review=deadline.key, q=found[number - 1].key, editing=True)
    return ask_reply(ctx, found, found[number - 1], report)


async def _submit(
    ctx: Context, deadline: DeadlineSpec, report: Report, found: list[Ask]
) -> list[Reply]:
    if left := missing(found, report.fields):
        ctx.conversation.goto(STEP, review=deadline.key, q=left[0].key)
        return ask_reply(ctx, found, left[0], report, lead=ctx._("One answer is still missing."))
    await reviews.submit_report(ctx.db, report, by=ctx.account.id, at=ctx.now())
    ctx.conversation.goto(None)
    text = ctx._(
        "Thank you! Your unit's {review} was submitted at {moment}. The emulation office can "
        "see it now. /mypledge shows your pledge beside it."
    ).format(review=ctx.text_of(deadline.label), moment=ctx.when(ctx.now()))
    if ctx.now() >= ctx.campaign.due_at(deadline):
        text += " " + ctx._("It came after the deadline, while the office had reopened it.")
    return [Reply(text)]


@router.action("rvo", anywhere=True)
async def ask_to_reopen(msg: Incoming, ctx: Context) -> list[Reply]:
    """«Xin mở lại» under a closed review: the request goes to the office."""
    deadline = ctx.campaign.deadline((msg.payload or "").partition(":")[2])
    if deadline is None or deadline.report is None or ctx.account.unit_id is None:
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    return await request_reopening(ctx, deadline)


@router.action("rv")
async def summary_button(msg: Incoming, ctx: Context) -> list[Reply]:
    """A summary's button pressed after the person left it: it acts on that report."""
    key = (msg.payload or "").removeprefix("rv:").partition(":")[2]
    deadline = ctx.campaign.deadline(key)
    if deadline is None or deadline.report is None or ctx.account.unit_id is None:
        return await start(dataclasses.replace(msg, text="/report", payload=None), ctx)
    ctx.conversation.goto(REVIEW, review=deadline.key)
    if await loaded(ctx) is None:  # never opened: /report says why
        ctx.conversation.goto(None)
        return await start(dataclasses.replace(msg, text=f"/report {key}", payload=None), ctx)
    return await on_review(msg, ctx)


@router.action("rc")
async def choice_button(msg: Incoming, ctx: Context) -> list[Reply]:
    """An answer of the list to change, pressed after the person left it."""
    ctx.conversation.goto(None)
    return [Reply(ctx._("That button has expired. Send /report to see the report."))]


@router.fallback
async def report_in_words(msg: Incoming, ctx: Context) -> list[Reply]:
    """ "báo cáo", "làm báo cáo sơ kết": as /report."""
    if msg.payload is None and ctx.account.unit_id is not None and said(msg.text) in REPORT_WORDS:
        return await start(dataclasses.replace(msg, text="/report " + msg.text), ctx)
    return []
