"""One pledge question at a time: ask it, read the answer, save it to the draft, move on."""

from __future__ import annotations

import dataclasses

from handlers import form, reading
from handlers import pledge_talk as talk
from handlers.campaign import FormField
from handlers.form import Problem
from handlers.pledge_view import (
    answer_text,
    implausible,
    is_locked,
    locked_reply,
    missing_fields,
    not_linked_reply,
    review,
)
from handlers.qa import answer, asks_the_calendar
from handlers.router import Router
from handlers.text import clean, whole_number
from handlers.types import Button, Context, Incoming, Reply
from storage import pledges
from storage.campaigns import get_unit
from storage.models import Pledge

router = Router()
STEP = "pledge.field"


def own(field: FormField, action: str) -> str:
    """A button's payload that names its question: 'f:title:opt:co_ubnd'."""
    return f"f:{field.key}:{action}"


def owner_of(payload: str | None) -> tuple[str | None, str | None]:
    """('title', 'opt:co_ubnd') for 'f:title:opt:co_ubnd'; (None, payload) for another."""
    if payload is None or not payload.startswith("f:"):
        return None, payload
    key, _, action = payload[2:].partition(":")
    return key, action


async def current_pledge(ctx: Context) -> Pledge | None:
    if ctx.account.unit_id is None:
        return None
    return await pledges.open_pledge(ctx.db, ctx.account.unit_id, ctx.campaign.id, ctx.now())


def number_of(ctx: Context, field: FormField) -> int:
    """The question's number in the form, from 1."""
    return [f.key for f in ctx.campaign.form].index(field.key) + 1


def ask_field(ctx: Context, field: FormField, pledge: Pledge, *, lead: str = "") -> list[Reply]:
    """The question for one field with its buttons, after `lead` (a problem, or what was saved)."""
    editing = bool(ctx.conversation.data.get("editing"))
    again = editing or bool(ctx.conversation.data.get("revisit"))  # answered before: show it
    position = number_of(ctx, field)
    value = pledge.fields.get(field.key)
    text = f"({position}/{len(ctx.campaign.form)}) {ctx.text_of(field.ask)}"
    if field.hint:
        text += "\n" + ctx.text_of(field.hint)
    if field.kind in ("multichoice", "list") and value:
        so_far = ctx._("So far: {answer}").format(answer=answer_text(field, value, ctx))
        text += "\n\n" + so_far.replace(" \n", "\n")  # a list starts on its own line
        if field.kind == "list":
            text += "\n" + ctx._("To remove one, write «xóa 2»; to change one, «sửa 2: …».")
    elif again and value not in (None, ""):
        text += "\n\n" + ctx._("Now: {answer}").format(answer=answer_text(field, value, ctx))
    if lead:
        text = f"{lead}\n\n{text}"
    buttons = _buttons(ctx, field, value, again)
    if position > 1 and not editing:  # back (typed "quay lại" on channels without buttons)
        buttons += (Button(ctx._("← Back"), own(field, "back"), shortcut=True),)
    return [Reply(text, buttons=buttons)]


def _buttons(ctx: Context, field: FormField, value: object, editing: bool) -> tuple[Button, ...]:
    picked = value if isinstance(value, list) else []
    buttons: list[Button] = []
    if field.kind == "choice":
        buttons = [Button(ctx.text_of(o.label), own(field, f"opt:{o.key}")) for o in field.options]
    elif field.kind == "count":
        buttons = [Button("0", own(field, "num:0"), shortcut=True)]
    elif field.kind == "multichoice":
        buttons = [
            Button(
                ("✓ " if o.key in picked else "") + ctx.text_of(o.label),
                own(field, f"opt:{o.key}"),
            )
            for o in field.options
        ]
        buttons.append(Button(ctx._("Done"), own(field, "done")))
    elif field.kind == "list" and picked:  # "the last one" is only clear while adding
        buttons = [Button(ctx._("Done"), own(field, "done"))]
        if not editing:
            buttons.append(Button(ctx._("Remove the last one"), own(field, "undo")))
    if editing and field.kind not in ("multichoice", "list"):
        buttons.append(Button(ctx._("Keep as it is"), own(field, "keep")))
    return tuple(buttons)


async def earlier_button(ctx: Context, pledge: Pledge, key: str, action: str) -> str:
    """A button of another question than the one open now (an old message). On a choice or a
    count already answered, it changes that answer; any other has expired. Returns what
    happened, to put before the question that is open."""
    field = ctx.campaign.field(key)
    value: object = None
    if field is not None and pledge.fields.get(field.key) not in (None, "", []):
        kind, _, arg = action.partition(":")
        if field.kind == "choice" and kind == "opt" and (option := field.option(arg)):
            value = option.key
        elif field.kind == "count" and kind == "num":
            number = whole_number(arg)
            value = number if number is not None and number <= field.maximum else None
    if field is None or value is None:
        return ctx._(
            "That button belongs to an earlier question and no longer works. "
            "The question open now is below."
        )
    number = number_of(ctx, field)
    answer = answer_text(field, value, ctx)
    if pledge.fields.get(field.key) == value:
        return ctx._("Question {number} already has this answer: {answer}.").format(
            number=number, answer=answer
        )
    before = answer_text(field, pledge.fields.get(field.key), ctx)
    await _save(ctx, pledge, field, value)
    note = ctx._("Changed question {number} ({label}): {before} → {answer}.").format(
        number=number, label=ctx.text_of(field.label), before=before, answer=answer
    )
    if (warning := implausible(ctx, pledge, field)) is not None:  # as when typed at its step
        again = ctx._("To change it, write «sửa câu {number}».").format(number=number)
        note += f"\n{warning} {again}"
    return note


async def ask_current(ctx: Context) -> list[Reply]:
    field = ctx.campaign.field(str(ctx.conversation.data.get("field")))
    pledge = await current_pledge(ctx)
    if field is None or pledge is None:
        ctx.conversation.goto(None)
        return []
    return ask_field(ctx, field, pledge)


async def advance(ctx: Context, pledge: Pledge, *, note: str = "") -> list[Reply]:
    """After an answer: back to the summary when editing, else the next unanswered question."""
    remaining = missing_fields(pledge, ctx.campaign)
    if ctx.conversation.data.get("editing") or not remaining:
        ctx.conversation.goto("pledge.review")
        return review(pledge, await get_unit(ctx.db, pledge.unit_id), ctx, note=note)
    ctx.conversation.goto(STEP, field=remaining[0].key)
    return ask_field(ctx, remaining[0], pledge, lead=note)


@router.step(STEP, prompt=ask_current)
async def on_answer(msg: Incoming, ctx: Context) -> list[Reply]:
    pledge = await current_pledge(ctx)
    if pledge is None:
        ctx.conversation.goto(None)
        return [not_linked_reply(ctx)]
    if is_locked(pledge, ctx.campaign, ctx.now()):
        ctx.conversation.goto(None)
        return [locked_reply(ctx, pledge)]
    field = ctx.campaign.field(str(ctx.conversation.data.get("field")))
    if field is None:  # the form changed under this conversation
        return await advance(ctx, pledge)
    owner, action = owner_of(msg.payload)
    if owner is not None and owner != field.key:
        note = await earlier_button(ctx, pledge, owner, action or "")
        return ask_field(ctx, field, pledge, lead=note)
    msg = dataclasses.replace(msg, payload=action)
    if msg.payload == "back" or (msg.payload is None and talk.is_back(msg.text)):
        return back_to(ctx, pledge, field, None)
    if msg.payload is None and (number := talk.goto_question(msg.text)) is not None:
        return back_to(ctx, pledge, field, number)
    typed_question = talk.reads_as_question(msg.text) or (
        field.kind in ("count", "choice", "phone") and reading.asks(msg.text, strict=True)
    )  # "ai ký chỉ thị" where a number or an option is asked
    if msg.payload is None and not typed_question and field.kind in ("text", "count"):
        typed_question = asks_the_calendar(ctx, msg.text)  # "han chot dang ky"
    if msg.payload is None and typed_question:
        return [await answered_aside(ctx, msg.text), *ask_field(ctx, field, pledge)]
    if msg.payload is None and field.kind not in ("multichoice", "list"):
        msg = dataclasses.replace(msg, payload=talk.keep_or_again(msg.text))
    if msg.payload == "keep":
        return await advance(ctx, pledge)
    if field.kind == "multichoice":
        return await _on_pick(msg, ctx, field, pledge)
    if field.kind == "list":
        return await _on_list(msg, ctx, field, pledge)
    if msg.payload == "again":  # "change it", after a warning
        ctx.conversation.put(revisit=True)
        return ask_field(ctx, field, pledge)
    value = _read_single(msg, ctx, field)
    if isinstance(value, Problem):
        return ask_field(ctx, field, pledge, lead=value.message)
    await _save(ctx, pledge, field, value)
    note = ctx._("Saved: {answer}").format(answer=answer_text(field, value, ctx))
    if (warning := implausible(ctx, pledge, field)) is not None:
        buttons = (
            Button(ctx._("Keep it"), own(field, "keep")),
            Button(ctx._("Change it"), own(field, "again")),
        )
        return [Reply(f"{note}\n\n{warning}", buttons=buttons)]
    return await advance(ctx, pledge, note=note)


def _read_single(msg: Incoming, ctx: Context, field: FormField) -> object:
    if field.kind == "choice":
        option = form.match_option(field, msg, ctx)
        if option is None:
            return Problem(ctx._("Please choose one of the options below."))
        return option.key
    if msg.payload is not None and not msg.payload.startswith("num:"):
        return Problem(ctx._("Please type your answer as a message."))
    text = msg.payload[4:] if msg.payload else msg.text
    if field.kind == "count":
        return form.parse_count(text, field, ctx)
    if field.kind == "phone":
        return form.parse_phone(text, ctx)
    if field.kind == "name":
        return form.parse_name(text, field, ctx)
    return form.parse_text(text, field, ctx)


async def _save(ctx: Context, pledge: Pledge, field: FormField, value: object) -> None:
    await pledges.set_field(ctx.db, pledge, field.key, value, by=ctx.account.id, at=ctx.now())


def keeps_one(ctx: Context) -> str:
    """Why a submitted pledge may not be left with none: it stays complete while changed."""
    return ctx._(
        "A submitted pledge keeps at least one answer here. Add or pick the new one first, "
        "then remove the old one."
    )


async def _on_pick(msg: Incoming, ctx: Context, field: FormField, pledge: Pledge) -> list[Reply]:
    picked: list[str] = list(pledge.fields.get(field.key) or [])
    if msg.payload is None and talk.is_done(msg.text):
        msg = dataclasses.replace(msg, payload="done")
    if msg.payload == "done":
        if not picked:
            return ask_field(ctx, field, pledge, lead=ctx._("Please pick at least one."))
        saved = ctx._("Saved: {answer}").format(answer=answer_text(field, picked, ctx))
        return await advance(ctx, pledge, note=saved)
    chosen = form.match_options(field, msg.text) if msg.payload is None else None
    if chosen is None:
        option = form.match_option(field, msg, ctx)
        chosen = [option] if option is not None else None
    if not chosen:
        problem = ctx._("Please press the options to pick them, then press Done.")
        return ask_field(ctx, field, pledge, lead=problem)
    for option in chosen:
        picked = (
            [k for k in picked if k != option.key]
            if option.key in picked
            else [*picked, option.key]
        )
    ordered = [o.key for o in field.options if o.key in picked]
    if not ordered and pledge.status == "submitted":
        return ask_field(ctx, field, pledge, lead=keeps_one(ctx))
    await _save(ctx, pledge, field, ordered)
    (question,) = ask_field(ctx, field, pledge)
    return [dataclasses.replace(question, edit=msg.payload is not None)]  # tick in place


async def _on_list(msg: Incoming, ctx: Context, field: FormField, pledge: Pledge) -> list[Reply]:
    items: list[str] = list(pledge.fields.get(field.key) or [])
    if msg.payload is None and talk.is_done(msg.text):
        msg = dataclasses.replace(msg, payload="done")
    if msg.payload == "done":
        if not items:
            return ask_field(ctx, field, pledge, lead=ctx._("Please type at least one."))
        return await advance(ctx, pledge)
    if msg.payload == "undo" and items:
        if len(items) == 1 and pledge.status == "submitted":
            return ask_field(ctx, field, pledge, lead=keeps_one(ctx))
        await _save(ctx, pledge, field, items[:-1])
        removed = ctx._("Removed number {number}: «{text}».").format(
            number=len(items), text=items[-1]
        )
        return ask_field(ctx, field, pledge, lead=removed)
    if msg.payload is not None:
        return ask_field(ctx, field, pledge, lead=ctx._("Please type your answer as a message."))
    if (edit := talk.list_edit(msg.text)) is not None:
        return await _edit_item(ctx, field, pledge, items, edit)
    if talk.commands_a_list(msg.text):  # "xóa 2 chỉ tiêu cuối": a command, never a target
        hint = ctx._("Nothing was saved: write «xóa 2» to remove item 2, «sửa 2: …» to change it.")
        return ask_field(ctx, field, pledge, lead=hint)
    problems: list[str] = []
    before = len(items)
    for line in clean(msg.text).splitlines() or [""]:
        value = form.parse_target(line, field, ctx)
        if isinstance(value, Problem):
            problems.append(f"«{line}»: {value.message}" if line else value.message)
        elif len(items) >= field.max_items:
            problems.append(
                ctx._("At most {count} are allowed; «{text}» was not added.").format(
                    count=field.max_items, text=value
                )
            )
        else:
            items.append(value)
    await _save(ctx, pledge, field, items)
    (question,) = ask_field(ctx, field, pledge, lead="\n".join(problems))
    if problems:  # the question again, with the list so far
        return [question]
    # on a phone, not the whole question and list after every target: one line and the buttons
    added = ctx._(
        "Added ({count}/{maximum}): {items}. Send the next one, or press «Done»."
    ).format(
        count=len(items),
        maximum=field.max_items,
        items="; ".join(f"«{i}»" for i in items[before:]),
    )
    return [dataclasses.replace(question, text=added)]


def back_to(ctx: Context, pledge: Pledge, field: FormField, number: int | None) -> list[Reply]:
    """ "quay lại" (None): the question before this one; "sửa câu 2": that one, if it was
    reached. After its answer, the form goes on from the first question not answered."""
    form_fields = ctx.campaign.form
    here = number_of(ctx, field) - 1
    reached = max([here, *(i for i, f in enumerate(form_fields) if f.key in pledge.fields)])
    wanted = here - 1 if number is None else number - 1
    if not 0 <= wanted <= reached:
        note = (
            ctx._("This is the first question.")
            if number is None
            else ctx._("Question {number} is not open yet.").format(number=number)
        )
        return ask_field(ctx, field, pledge, lead=note)
    editing = bool(ctx.conversation.data.get("editing"))
    ctx.conversation.goto(STEP, field=form_fields[wanted].key, editing=editing, revisit=True)
    return ask_field(ctx, form_fields[wanted], pledge)


async def answered_aside(ctx: Context, question: str) -> Reply:
    """A question asked in the middle of the form: its answer, without buttons that would
    leave the form; the question open is asked again after it."""
    data = dict(ctx.conversation.data)
    replies = await answer(ctx, question)
    ctx.conversation.data = data  # the answer may note the question; the step keeps its own
    if replies and not replies[0].buttons:
        return dataclasses.replace(replies[0], buttons=())
    return Reply(
        ctx._(
            "I could not answer that from the directive here. Send it with /ask when the "
            "form is done (your answers are kept), or /cancel to leave the form now."
        )
    )


async def _edit_item(
    ctx: Context, field: FormField, pledge: Pledge, items: list[str], edit: talk.ListEdit
) -> list[Reply]:
    """«xóa 2», «sửa 2: …»: any one target, not only the last."""
    if edit.number > len(items):
        note = ctx.ngettext(
            "There is no number {number}: the list has {count} item.",
            "There is no number {number}: the list has {count} items.",
            len(items),
        ).format(number=edit.number, count=len(items))
        return ask_field(ctx, field, pledge, lead=note)
    old = items[edit.number - 1]
    if edit.new is None and len(items) == 1 and pledge.status == "submitted":
        return ask_field(ctx, field, pledge, lead=keeps_one(ctx))
    if edit.new is None:
        del items[edit.number - 1]
        note = ctx._("Removed number {number}: «{text}».").format(number=edit.number, text=old)
    else:
        value = form.parse_target(edit.new, field, ctx)
        if isinstance(value, Problem):
            return ask_field(ctx, field, pledge, lead=value.message)
        items[edit.number - 1] = value
        note = ctx._("Changed number {number} to «{text}».").format(number=edit.number, text=value)
    await _save(ctx, pledge, field, items)
    return ask_field(ctx, field, pledge, lead=note)
