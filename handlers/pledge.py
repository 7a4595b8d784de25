"""Pledge registration: start or resume, review, confirm, amend, show, and leave a flow."""

from __future__ import annotations

from handlers import pledge_talk as talk
from handlers import reading
from handlers.campaign import FormField
from handlers.office.reports.pledges import show_unit_pledge
from handlers.pledge_fields import (
    advance,
    answered_aside,
    ask_field,
    current_pledge,
    earlier_button,
    owner_of,
)
from handlers.pledge_fields import router as fields_router
from handlers.pledge_view import (
    is_empty,
    is_locked,
    locked_reply,
    missing_fields,
    not_linked_reply,
    review,
    review_buttons,
    summary,
    summary_strong,
)
from handlers.review.view import latest_report
from handlers.router import N_, Router
from handlers.text import fold, said, whole_number
from handlers.types import Button, Context, Incoming, Reply
from storage import pledges
from storage.campaigns import get_unit
from storage.models import Pledge

router = Router()
router.include(fields_router)
REGISTER_WORDS = {
    "dang ky",
    "dang ky tiep",
    "dang ky ngay",
    "register now",
    "dang ky thi dua",
    "tiep tuc",
    "tiep tuc dang ky",
    "lam tiep",
    "register",
    "continue",
}


@router.command(
    "register", "dangky", description=N_("register or continue your unit's pledge"), resumes=False
)
async def start(msg: Incoming, ctx: Context) -> list[Reply]:
    pledge = await current_pledge(ctx)
    if pledge is None:
        return [not_linked_reply(ctx)]
    if is_locked(pledge, ctx.campaign, ctx.now()):
        ctx.conversation.goto(None)
        return [locked_reply(ctx, pledge)]
    if pledge.status == "submitted":
        ctx.conversation.goto("pledge.review")
        return await _review(ctx, pledge)
    if (field := _left_at(ctx)) is not None:
        ctx.conversation.goto("pledge.field", field=field.key)
        return ask_field(ctx, field, pledge, lead=_intro(ctx, pledge))
    ctx.conversation.goto("pledge.field")  # advance() picks the first unanswered question
    return await advance(ctx, pledge, note=_intro(ctx, pledge))


def _left_at(ctx: Context) -> FormField | None:
    """The question a person left unfinished (a list may be half typed), if any."""
    data, step = ctx.conversation.data, ctx.conversation.step
    key = data.get("field") if step == "pledge.field" and not data.get("editing") else None
    return ctx.campaign.field(str(key or data.get("resume")))


def _intro(ctx: Context, pledge: Pledge) -> str:
    due, now = ctx.campaign.registration_due, ctx.now()
    if due <= now and pledge.unlocked_until is not None:  # reopened by the office
        closes = ctx._("Your pledge is reopened until {moment} ({left} left).").format(
            moment=ctx.when(pledge.unlocked_until), left=ctx.span(pledge.unlocked_until - now)
        )
    else:
        closes = ctx._("Registration closes at {moment} ({left} left).").format(
            moment=ctx.when(due), left=ctx.span(due - now)
        )
    if len(missing_fields(pledge, ctx.campaign)) < len(ctx.campaign.form):
        return ctx._("Welcome back: let us continue where you stopped.") + " " + closes
    return (
        ctx._(
            "Let us register your unit's emulation pledge: {count} questions. Every answer is "
            "saved at once, so you can stop with /cancel and continue later."
        ).format(count=len(ctx.campaign.form))
        + " "
        + closes
    )


async def _review(ctx: Context, pledge: Pledge, note: str = "") -> list[Reply]:
    return review(pledge, await get_unit(ctx.db, pledge.unit_id), ctx, note=note)


@router.command(
    "mypledge",
    "xem",
    description=N_("see your unit's pledge (the office: /mypledge UNIT, any unit's)"),
)
async def show(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.args and (other := await show_unit_pledge(ctx, msg.args)) is not None:
        return other  # /xem HOIAN: the office looks at any unit's pledge
    if ctx.account.unit_id is None:
        return [not_linked_reply(ctx)]
    pledge = await pledges.find_pledge(ctx.db, ctx.account.unit_id, ctx.campaign.id)
    if pledge is None or is_empty(pledge):
        text = ctx._("Your unit has not started its pledge yet.")
        return [Reply(text, buttons=(Button(ctx._("Register now"), "cmd:register"),))]
    unit = await get_unit(ctx.db, pledge.unit_id)
    text, strong = summary(pledge, unit, ctx), summary_strong(unit, ctx)
    if ctx.conversation.step == "pledge.review":  # shown here: not a second time on resuming
        ctx.conversation.goto(None)
    reported = await latest_report(ctx, pledge.unit_id)  # pledged against reached
    if is_locked(pledge, ctx.campaign, ctx.now()) or ctx.conversation.step is not None:
        return [Reply(text, strong=strong), *reported]
    if pledge.status == "submitted":
        edit = Button(ctx._("✏️ Change an answer"), "edit")
        return [Reply(text, buttons=(edit,), strong=strong), *reported]
    go_on = Button(ctx._("Continue registering"), "cmd:register")
    return [Reply(text, buttons=(go_on,), strong=strong)]


@router.command("cancel", "huy", description=N_("stop what you are doing"), resumes=False)
async def cancel(msg: Incoming, ctx: Context) -> list[Reply]:
    if ctx.conversation.step is None:
        return [Reply(ctx._("There is nothing to cancel."))]
    was_pledge = ctx.conversation.step.startswith("pledge.")
    data, step = ctx.conversation.data, ctx.conversation.step
    if step.startswith("broadcast.") and step != "broadcast.draft":
        kept = {k: v for k, v in data.items() if k.startswith("bc_") and k != "bc_draft"}
        ctx.conversation.goto(None, bc_draft={**kept, "step": step})
        return [
            Reply(
                ctx._(
                    "Stopped: the announcement was not sent. Send /broadcast to continue "
                    "the draft or to start a new one."
                )
            )
        ]
    ctx.conversation.goto(None, resume=data.get("field") if step == "pledge.field" else None)
    if was_pledge:
        return [Reply(ctx._("Stopped. Your answers are kept: send /register to continue."))]
    if step.startswith("report."):
        return [Reply(ctx._("Stopped. Your answers are kept: send /report to continue."))]
    return [Reply(ctx._("Stopped."))]


async def ask_review(ctx: Context) -> list[Reply]:
    if (pledge := await current_pledge(ctx)) is None:
        ctx.conversation.goto(None)
        return []
    if is_locked(pledge, ctx.campaign, ctx.now()):  # closed since: nothing to confirm or change
        ctx.conversation.goto(None)
        return [locked_reply(ctx, pledge)]
    return await _review(ctx, pledge)


@router.step("pledge.review", prompt=ask_review)
async def on_review(msg: Incoming, ctx: Context) -> list[Reply]:
    pledge = await current_pledge(ctx)
    if pledge is None:
        ctx.conversation.goto(None)
        return [not_linked_reply(ctx)]
    if msg.payload == "close":
        ctx.conversation.goto(None)
        return [Reply(ctx._("Done. /mypledge shows your pledge at any time."))]
    if is_locked(pledge, ctx.campaign, ctx.now()):
        ctx.conversation.goto(None)
        return [locked_reply(ctx, pledge)]
    owner, action = owner_of(msg.payload)
    if owner is not None:  # a question's button on an older message
        note = await earlier_button(ctx, pledge, owner, action or "")
        return await _review(ctx, pledge, note=note)
    if msg.payload == "edit":
        return await choose(msg, ctx)
    if msg.payload == "confirm" and pledge.status == "draft":
        return await _submit(ctx, pledge)
    if msg.payload is None:
        return await _said_at_review(msg.text, ctx, pledge)
    return [_reminder(ctx, pledge)]


async def _said_at_review(text: str, ctx: Context, pledge: Pledge) -> list[Reply]:
    """Typed at the summary: "ok" confirms (asked once to be sure), "sửa câu 2" or "quay
    lại" goes to a question, a question is answered; anything else gets a one-line reminder,
    not the whole pledge again."""
    draft = pledge.status == "draft"
    if talk.confirms(text) and draft:
        if ctx.conversation.data.get("asked"):
            return await _submit(ctx, pledge)
        ctx.conversation.put(asked=True)
        return [
            Reply(
                ctx._("Submit the pledge to the emulation office now?"),
                buttons=review_buttons(pledge, ctx),
            )
        ]
    number = talk.goto_question(text)
    if number is None and talk.is_back(text):
        number = len(ctx.campaign.form)
    if number is not None and 1 <= number <= len(ctx.campaign.form):
        field = ctx.campaign.form[number - 1]
        ctx.conversation.goto("pledge.field", field=field.key, editing=True)
        return ask_field(ctx, field, pledge)
    if not draft:  # nothing is waiting: whatever is typed now is read as outside the form
        ctx.conversation.goto(None)
        return []
    if talk.reads_as_question(text) or reading.asks(text):
        return [await answered_aside(ctx, text), _reminder(ctx, pledge)]
    return [_reminder(ctx, pledge)]


def _reminder(ctx: Context, pledge: Pledge) -> Reply:
    """One line and the summary's buttons, not the whole pledge again."""
    if pledge.status == "draft":
        text = ctx._(
            "To send the pledge, press «Confirm and submit»; to change it, «Change an answer»."
        )
    else:
        text = ctx._("The pledge is submitted. To change it, press «Change an answer».")
    return Reply(text, buttons=review_buttons(pledge, ctx))


@router.fallback
async def register_in_words(msg: Incoming, ctx: Context) -> list[Reply]:
    """ "đăng ký tiếp", "tiếp tục đăng ký": as /register (after /cancel, say)."""
    if msg.payload is None and said(msg.text) in REGISTER_WORDS:
        return await start(msg, ctx)
    return []


async def _submit(ctx: Context, pledge: Pledge) -> list[Reply]:
    if missing := missing_fields(pledge, ctx.campaign):
        ctx.conversation.goto("pledge.field", field=missing[0].key)
        note = ctx._("One answer is still missing.")
        return ask_field(ctx, missing[0], pledge, lead=note)
    await pledges.submit_pledge(ctx.db, pledge, by=ctx.account.id, at=ctx.now())
    ctx.conversation.goto(None)
    text = ctx._(
        "Thank you! Your unit's pledge was submitted at {moment}. The emulation office can "
        "see it now. /mypledge shows it at any time."
    ).format(moment=ctx.when(ctx.now()))
    return [Reply(text)]


async def ask_choice(ctx: Context) -> list[Reply]:
    buttons = tuple(Button(ctx.text_of(f.label), f"field:{f.key}") for f in ctx.campaign.form)
    back = Button(ctx._("Back to the summary"), "back")
    return [Reply(ctx._("Which answer do you want to change?"), buttons=(*buttons, back))]


@router.action("edit")
async def choose(msg: Incoming, ctx: Context) -> list[Reply]:
    pledge = await current_pledge(ctx)
    if pledge is None:
        return [not_linked_reply(ctx)]
    if is_locked(pledge, ctx.campaign, ctx.now()):
        return [locked_reply(ctx, pledge)]
    ctx.conversation.goto("pledge.choose")
    return await ask_choice(ctx)


@router.step("pledge.choose", prompt=ask_choice)
async def on_choice(msg: Incoming, ctx: Context) -> list[Reply]:
    pledge = await current_pledge(ctx)
    if pledge is None:
        ctx.conversation.goto(None)
        return [not_linked_reply(ctx)]
    if msg.payload == "back":
        ctx.conversation.goto("pledge.review")
        return await _review(ctx, pledge)
    if msg.payload is None and (talk.is_done(msg.text) or talk.closes(msg.text)):
        ctx.conversation.goto(None)
        return [Reply(ctx._("Done. /mypledge shows your pledge at any time."))]
    field = _picked_field(msg, ctx)
    if field is None and msg.payload is None and reading.asks(msg.text):
        return [await answered_aside(ctx, msg.text), *await ask_choice(ctx)]
    if field is None:
        return [Reply(ctx._("Please choose one of the answers below.")), *await ask_choice(ctx)]
    ctx.conversation.goto("pledge.field", field=field.key, editing=True)
    return ask_field(ctx, field, pledge)


def _picked_field(msg: Incoming, ctx: Context) -> FormField | None:
    form = ctx.campaign.form
    if msg.payload is not None and msg.payload.startswith("field:"):
        return ctx.campaign.field(msg.payload[6:])
    typed = fold(msg.text)
    if (n := whole_number(typed)) is not None and 1 <= n <= len(form):
        return form[n - 1]
    if len(typed) < 6 and " " not in typed:
        return None  # "đóng", "xong": not part of a field's name
    labels = {f.key: fold(ctx.text_of(f.label)) for f in form}
    if (exact := next((f for f in form if labels[f.key] == typed), None)) is not None:
        return exact
    within = [f for f in form if len(typed) >= 4 and f" {typed} " in f" {labels[f.key]} "]
    return within[0] if len(within) == 1 else None  # "phong trao": the one label holding it
