"""One report question at a time: ask it with its buttons, read the answer (a typed text, a
count, a pressed option, a file), save it at once, go on; back and "sửa câu N" within it."""

from __future__ import annotations

import dataclasses
import mimetypes
import re
from datetime import timedelta

from handlers import form, reading
from handlers import pledge_talk as talk
from handlers.campaign import DeadlineSpec
from handlers.form import Problem
from handlers.pledge_fields import answered_aside
from handlers.qa import asks_the_calendar
from handlers.review.questions import Ask, given, is_closed, missing, pledged_of
from handlers.review.view import closed_reply, report_asks, review, value_text
from handlers.router import Router
from handlers.text import said
from handlers.types import Attachment, Button, Context, Incoming, Reply
from storage import media, pledges, reviews
from storage.campaigns import get_unit
from storage.models import Pledge, Report

router = Router()
_SHORT_NO = re.compile(r"\b(?:ko|k|kh|khg|hk|hok|hông|hong)\b", re.IGNORECASE)
STEP, REVIEW, CHOOSE = "report.field", "report.review", "report.choose"
KEPT = timedelta(days=3 * 366)  # a signed report is the unit's record for the Council
SKIP = {"bo qua", "khong co", "khong", "skip", "none", "no", "gui sau", "later"}


async def show_review(
    ctx: Context, deadline: DeadlineSpec, report: Report, note: str = ""
) -> list[Reply]:
    return review(ctx, deadline, report, await get_unit(ctx.db, report.unit_id), note=note)


def _own(ask: Ask, action: str) -> str:
    return f"rq:{ask.key}:{action}"


def ask_reply(
    ctx: Context, found: list[Ask], ask: Ask, report: Report, *, lead: str = ""
) -> list[Reply]:
    editing = bool(ctx.conversation.data.get("editing"))
    position = found.index(ask) + 1
    text = f"({position}/{len(found)}) {ask.text}"
    value = report.fields.get(ask.key)
    if given(value):
        text += "\n\n" + ctx._("Now: {answer}").format(answer=value_text(ctx, ask, value))
    if lead:
        text = f"{lead}\n\n{text}"
    buttons: list[Button] = []
    if ask.kind == "assess" or (ask.kind == "field" and ask.field.kind == "choice"):
        buttons = [
            Button(ctx.text_of(o.label), _own(ask, f"opt:{o.key}")) for o in ask.field.options
        ]
    elif ask.kind == "signed":
        buttons = [Button(ctx._("Skip"), _own(ask, "skip"))]
    if given(value):  # answered before (editing, or back to it): keep it as it is
        buttons.append(Button(ctx._("Keep as it is"), _own(ask, "keep")))
    if position > 1 and not editing:
        buttons.append(Button(ctx._("← Back"), _own(ask, "back"), shortcut=True))
    return [Reply(text, buttons=tuple(buttons))]


async def begin(
    ctx: Context, unit_id: int, deadline: DeadlineSpec, pledge: Pledge | None
) -> Report | None:
    """The unit's report for a review, opened from its submitted pledge the first time (what the
    pledge said is kept with it); None when there is no report and no submitted pledge."""
    found = await reviews.find_report(ctx.db, unit_id, ctx.campaign.id, deadline.key)
    if found is not None or deadline.report is None or not pledges.is_submitted(pledge):
        return found
    assert pledge is not None
    pledged = pledged_of(deadline.report, pledge.fields)
    return await reviews.open_report(
        ctx.db, unit_id, ctx.campaign.id, deadline.key, pledged, ctx.now()
    )


async def loaded(ctx: Context) -> tuple[DeadlineSpec, Report] | None:
    key = str(ctx.conversation.data.get("review"))
    deadline = ctx.campaign.deadline(key)
    if deadline is None or deadline.report is None or ctx.account.unit_id is None:
        return None
    report = await reviews.find_report(ctx.db, ctx.account.unit_id, ctx.campaign.id, key)
    return (deadline, report) if report is not None else None


async def ask_current(ctx: Context) -> list[Reply]:
    if isinstance(found_report := await still_open(ctx), list):
        return found_report
    deadline, report = found_report
    found = report_asks(ctx, deadline, report)
    ask = next((a for a in found if a.key == ctx.conversation.data.get("q")), None)
    if ask is None:
        return await advance(ctx, deadline, report, found)
    return ask_reply(ctx, found, ask, report)


async def advance(
    ctx: Context, deadline: DeadlineSpec, report: Report, found: list[Ask], note: str = ""
) -> list[Reply]:
    """After an answer: the summary when editing or when all is answered, else the next."""
    left = missing(found, report.fields)
    if ctx.conversation.data.get("editing") or not left:
        ctx.conversation.goto(REVIEW, review=deadline.key)
        return await show_review(ctx, deadline, report, note)
    ctx.conversation.goto(STEP, review=deadline.key, q=left[0].key)
    return ask_reply(ctx, found, left[0], report, lead=note)


def closed_now(ctx: Context, deadline: DeadlineSpec, report: Report) -> bool:
    return is_closed(ctx.campaign.due_at(deadline), report.unlocked_until, ctx.now())


async def still_open(ctx: Context) -> tuple[DeadlineSpec, Report] | list[Reply]:
    """The report the conversation is on; when it is gone or closed since, the conversation
    ends with what to say (nothing, or that the review has closed)."""
    if (found := await loaded(ctx)) is None:
        ctx.conversation.goto(None)
        return []
    deadline, report = found
    if closed_now(ctx, deadline, report):
        ctx.conversation.goto(None)
        return [closed_reply(ctx, deadline, report)]
    return found


@router.step(STEP, prompt=ask_current)
async def on_answer(msg: Incoming, ctx: Context) -> list[Reply]:
    if isinstance(found_report := await still_open(ctx), list):
        return found_report
    deadline, report = found_report
    found = report_asks(ctx, deadline, report)
    ask = next((a for a in found if a.key == ctx.conversation.data.get("q")), None)
    if ask is None:  # the form changed under this conversation
        return await advance(ctx, deadline, report, found)
    action = ""
    if msg.payload is not None:
        key, _, action = msg.payload.removeprefix("rq:").partition(":")
        if not msg.payload.startswith("rq:") or key != ask.key:  # an older message's button
            note = await _earlier(ctx, report, found, key, action)
            return ask_reply(ctx, found, ask, report, lead=note)
    if action == "back" or (not action and talk.is_back(msg.text)):
        return _go(ctx, deadline, report, found, found.index(ask))
    if not action and (number := talk.goto_question(msg.text)) is not None:
        return _go(ctx, deadline, report, found, number, typed=True)
    typed_question = talk.reads_as_question(msg.text) or (
        ask.kind in ("assess", "proposed") and reading.asks(msg.text, strict=True)
    )
    if msg.payload is None and not msg.attachments and ask.kind != "signed":
        typed_question = typed_question or asks_the_calendar(ctx, msg.text)
    if msg.payload is None and typed_question and not msg.attachments:
        return [await answered_aside(ctx, msg.text), *ask_reply(ctx, found, ask, report)]
    keep = action == "keep" or (not action and talk.keep_or_again(msg.text) == "keep")
    if keep and given(report.fields.get(ask.key)):
        return await advance(ctx, deadline, report, found)
    value = await _read(ctx, msg, ask, action)
    if isinstance(value, Problem):
        return ask_reply(ctx, found, ask, report, lead=value.message)
    await reviews.set_answer(ctx.db, report, ask.key, value, by=ctx.account.id, at=ctx.now())
    note = ctx._("Saved: {answer}").format(answer=value_text(ctx, ask, value))
    pledged = report.pledged.get("titles", {}).get(ask.key.partition(".")[2])
    if (
        ask.kind == "proposed"
        and isinstance(value, int)
        and pledged is not None
        and value > pledged
    ):
        note += "\n" + ctx._("That is more than the {count} pledged.").format(
            count=ctx.number(int(pledged))
        )
    return await advance(ctx, deadline, report, found, note)


async def _read(ctx: Context, msg: Incoming, ask: Ask, action: str) -> object:
    """The answer given, or the problem with it."""
    if ask.kind == "signed":
        if action == "skip" or (not action and said(msg.text) in SKIP and not msg.attachments):
            return False
        if not msg.attachments:
            return Problem(
                ctx._("Please send the signed report as a PDF file or a photo, or press «Skip».")
            )
        return await signed_copy(ctx, msg.attachments[0])
    if msg.attachments:
        return Problem(ctx._("Please type your answer as a message."))
    field = ask.field
    if field.kind == "choice":
        typed = _SHORT_NO.sub("không", msg.text)  # "co nguy co ko dat"
        pressed = dataclasses.replace(msg, text=typed, payload=action or None)
        option = form.match_option(field, pressed, ctx)
        return option.key if option else Problem(ctx._("Please choose one of the options below."))
    if action:
        return Problem(ctx._("Please type your answer as a message."))
    if field.kind == "count":
        return form.parse_count(msg.text, field, ctx)
    return form.parse_text(msg.text, field, ctx)


async def signed_copy(ctx: Context, file: Attachment) -> object:
    """A signed report sent: kept (a PDF or a photo) for the Council's records, or the problem."""
    kind = mimetypes.guess_type(file.name)[0] or (
        "image/jpeg" if file.kind == "image" else "application/octet-stream"
    )
    if file.kind != "image" and (kind != "application/pdf" or not file.data.startswith(b"%PDF")):
        return Problem(
            ctx._(
                "«{name}» is not a PDF file or a photo. Please send the signed report as a "
                "PDF or a photo, or press «Skip»."
            ).format(name=file.name)
        )
    stored = await media.put_media(ctx.db, file.name, kind, file.data, ctx.now(), keep=KEPT)
    return {"name": file.name, "kind": file.kind, "ref": stored.token}


async def _earlier(ctx: Context, report: Report, found: list[Ask], key: str, action: str) -> str:
    """An assessment's button on an older message changes that answer; any other has expired."""
    ask = next((a for a in found if a.key == key), None)
    picked = action.partition(":")[2] if action.startswith("opt:") else ""
    option = ask.field.option(picked) if ask is not None and ask.kind == "assess" else None
    if ask is None or option is None or not given(report.fields.get(ask.key)):
        return ctx._(
            "That button belongs to an earlier question and no longer works. "
            "The question open now is below."
        )
    number = found.index(ask) + 1
    if report.fields.get(ask.key) == option.key:
        return ctx._("Question {number} already has this answer: {answer}.").format(
            number=number, answer=value_text(ctx, ask, option.key)
        )
    before = value_text(ctx, ask, report.fields.get(ask.key))
    await reviews.set_answer(ctx.db, report, ask.key, option.key, by=ctx.account.id, at=ctx.now())
    return ctx._("Changed question {number} ({label}): {before} → {answer}.").format(
        number=found.index(ask) + 1,
        label=ask.label,
        before=before,
        answer=value_text(ctx, ask, option.key),
    )


def _go(
    ctx: Context,
    deadline: DeadlineSpec,
    report: Report,
    found: list[Ask],
    number: int,
    *,
    typed: bool = False,
) -> list[Reply]:
    """To question `number` (from 1) if it was reached; "quay lại" passes the one before."""
    here = next(i for i, a in enumerate(found) if a.key == ctx.conversation.data.get("q"))
    reached = max([here, *(i for i, a in enumerate(found) if given(report.fields.get(a.key)))])
    if not 1 <= number <= reached + 1:
        if typed:
            note = ctx._("Question {number} is not open yet.").format(number=number)
        else:
            note = ctx._("This is the first question.")
        return ask_reply(ctx, found, found[here], report, lead=note)
    editing = bool(ctx.conversation.data.get("editing"))
    ctx.conversation.goto(STEP, review=deadline.key, q=found[number - 1].key, editing=editing)
    return ask_reply(ctx, found, found[number - 1], report)
