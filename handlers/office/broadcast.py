"""Announcements from the office: compose the text (and one photo or file), choose the audience,
preview, confirm. Sending, progress and the report go through the outbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from handlers.office import audience, broadcast_send, broadcast_views
from handlers.router import N_, Router
from handlers.text import fold
from handlers.types import Attachment, Button, Context, Incoming, Reply
from storage import media

router = Router()
MAX_TEXT = 4000
MAX_FILE = 20 * 1024 * 1024  # what Telegram lets a bot download, and plenty for a letter
FILE_KEPT = timedelta(days=90)  # a resend weeks later still carries the file
DOCUMENTS = (
    *(".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".txt"),
    *(".zip", ".rar", ".jpg", ".jpeg", ".png"),
)


@router.command(
    "broadcast",
    "thongbao",
    description=N_("send an announcement to units"),
    role="staff",
    usage=N_("[TEXT]"),
)
async def start(msg: Incoming, ctx: Context) -> list[Reply]:
    draft = ctx.conversation.data.get("bc_draft") if ctx.conversation.step is None else None
    ctx.conversation.goto("broadcast.text")  # a fresh draft
    if msg.args:
        return await on_text(msg, ctx)
    if draft:
        ctx.conversation.goto("broadcast.draft", bc_draft=draft)
        return await ask_draft(ctx)
    return await ask_text(ctx)


async def ask_draft(ctx: Context) -> list[Reply]:
    draft = ctx.conversation.data.get("bc_draft") or {}
    text = str(draft.get("bc_text") or "")
    shown = broadcast_views.snippet(text, 80)
    return [
        Reply(
            ctx._(
                "You have an unsent announcement: «{text}». Continue it or start a new one?"
            ).format(text=shown or "…"),
            buttons=(
                Button(ctx._("Continue the draft"), "bc:draft:resume"),
                Button(ctx._("Start a new one"), "bc:draft:new"),
            ),
        )
    ]


@router.step("broadcast.draft", prompt=ask_draft)
async def on_draft(msg: Incoming, ctx: Context) -> list[Reply]:
    draft = dict(ctx.conversation.data.get("bc_draft") or {})
    if msg.payload == "bc:draft:new" or not draft:
        ctx.conversation.goto("broadcast.text")
        return await ask_text(ctx)
    if msg.payload != "bc:draft:resume":
        return [Reply(ctx._("Please choose one of the buttons.")), *await ask_draft(ctx)]
    step = str(draft.pop("step", "broadcast.text"))
    ctx.conversation.goto(step, **draft)
    prompts = {**router.prompts, **broadcast_send.router.prompts}
    return await prompts.get(step, ask_text)(ctx)


async def ask_text(ctx: Context) -> list[Reply]:
    file = ctx.conversation.data.get("bc_attachment")
    if file:
        asked = ctx._(
            "Now type the announcement's text (at most {limit} characters), or /cancel. "
            "The file {name} goes with it."
        ).format(limit=ctx.number(MAX_TEXT), name=file["name"])
    else:
        asked = ctx._(
            "Type the announcement (at most {limit} characters), or /cancel. "
            "A photo or file can be added in the next step."
        ).format(limit=ctx.number(MAX_TEXT))
    return [Reply(asked)]


@router.step("broadcast.text", prompt=ask_text)
async def on_text(msg: Incoming, ctx: Context) -> list[Reply]:
    text = (msg.args if msg.command else msg.text).strip()
    if msg.attachments and not text:  # the file came first: keep it, then ask for the text
        kept = await _keep_file(ctx, msg.attachments[0])
        if isinstance(kept, Reply):
            return [kept, *await ask_text(ctx)]
        broadcast_send.next_step(ctx, "broadcast.text", bc_attachment=kept)
        received = ctx._("File received: {name}.").format(name=kept["name"])
        return [Reply(received), *await ask_text(ctx)]
    if msg.payload is not None or not text:
        return [Reply(ctx._("Please type the text of the announcement.")), *await ask_text(ctx)]
    if len(text) > MAX_TEXT:
        return [
            Reply(
                ctx._(
                    "The announcement has {count} characters; at most {limit} fit. "
                    "Please shorten it and send it again."
                ).format(count=ctx.number(len(text)), limit=ctx.number(MAX_TEXT))
            )
        ]
    broadcast_send.next_step(ctx, "broadcast.attach", bc_text=text)
    if msg.attachments:
        return await on_attachment(msg, ctx)
    if ctx.conversation.data.get("bc_attachment"):  # sent before the text
        broadcast_send.next_step(ctx, "broadcast.audience")
        return audience.ask(ctx)
    return await ask_attachment(ctx)


async def ask_attachment(ctx: Context) -> list[Reply]:
    return [
        Reply(
            ctx._(
                "Send one photo or file to go with it (the official letter as a PDF, say), "
                "or press Skip."
            ),
            buttons=(Button(ctx._("Skip"), "bc:skip"),),
        )
    ]


@router.step("broadcast.attach", prompt=ask_attachment)
async def on_attachment(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.payload == "bc:skip":
        broadcast_send.next_step(ctx, "broadcast.audience", bc_attachment=None)
        return audience.ask(ctx)
    if not msg.attachments:
        return [
            Reply(ctx._("Please send a photo or a file, or press Skip.")),
            *await ask_attachment(ctx),
        ]
    kept = await _keep_file(ctx, msg.attachments[0])
    if isinstance(kept, Reply):
        return [kept, *await ask_attachment(ctx)]
    broadcast_send.next_step(ctx, "broadcast.audience", bc_attachment=kept)
    return [Reply(ctx._("File received: {name}.").format(name=kept["name"])), *audience.ask(ctx)]


async def _keep_file(ctx: Context, file: Attachment) -> dict[str, Any] | Reply:
    """The file stored once for every recipient, or why it is refused."""
    if not file.data or len(file.data) > MAX_FILE:  # empty: the platform would not give it
        return Reply(
            ctx._(
                "That file could not be received: it may be over 20 MB. Please send a smaller one."
            )
        )
    if file.kind != "image" and not file.name.lower().endswith(DOCUMENTS):
        return Reply(
            ctx._(
                "Only photos and documents can go with an announcement "
                "(PDF, Word, Excel, PowerPoint, text or ZIP)."
            )
        )
    stored = await media.put_media(
        ctx.db, file.name, _content_type(file), file.data, ctx.now(), keep=FILE_KEPT
    )
    return {"kind": file.kind, "name": file.name, "ref": stored.token}


async def _ask_audience(ctx: Context) -> list[Reply]:
    return audience.ask(ctx)


@router.step("broadcast.audience", prompt=_ask_audience)
async def on_audience(msg: Incoming, ctx: Context) -> list[Reply]:
    kind = (msg.payload or "").removeprefix("bc:aud:")
    if kind not in audience.KINDS:
        return [Reply(ctx._("Please choose one of the buttons.")), *audience.ask(ctx)]
    if kind == "groups":
        broadcast_send.next_step(ctx, "broadcast.groups", bc_groups=[])
        return await ask_groups(ctx)
    if kind == "units":
        broadcast_send.next_step(ctx, "broadcast.units")
        return await ask_units(ctx)
    ctx.conversation.put(bc_audience={"kind": kind})
    if kind == "office":  # «Received» counts units: not for the office itself
        broadcast_send.next_step(ctx, "broadcast.preview", bc_ack=False)
        return await broadcast_send.preview(ctx)
    return await _to_ack(ctx)


async def ask_groups(ctx: Context) -> list[Reply]:
    chosen = set(ctx.conversation.data.get("bc_groups") or ())
    buttons = [
        Button(("✅ " if g.key in chosen else "") + g.name, f"bc:grp:{g.key}")
        for g in ctx.campaign.groups
    ]
    buttons.append(Button(ctx._("Done"), "bc:grp:done"))
    return [
        Reply(
            ctx._("Choose one or more emulation groups, then press Done."),
            buttons=tuple(buttons),
        )
    ]


@router.step("broadcast.groups", prompt=ask_groups)
async def on_group(msg: Incoming, ctx: Context) -> list[Reply]:
    chosen: list[str] = list(ctx.conversation.data.get("bc_groups") or ())
    key = (msg.payload or "").removeprefix("bc:grp:")
    if msg.payload is None:  # a group typed by name
        typed = fold(msg.text)
        key = next((g.key for g in ctx.campaign.groups if fold(g.name) == typed), "")
    if key == "done":
        if not chosen:
            return [Reply(ctx._("Choose at least one group first.")), *await ask_groups(ctx)]
        ctx.conversation.put(bc_audience={"kind": "groups", "groups": chosen})
        return await _to_ack(ctx)
    if key not in {g.key for g in ctx.campaign.groups}:
        return [Reply(ctx._("Please choose one of the buttons.")), *await ask_groups(ctx)]
    chosen = [k for k in chosen if k != key] if key in chosen else [*chosen, key]
    ctx.conversation.put(bc_groups=chosen)
    return await ask_groups(ctx)


async def ask_units(ctx: Context) -> list[Reply]:
    return [
        Reply(
            ctx._(
                "Type the units' codes or names, separated by commas "
                "(for example: TAMKY, Hội An, Sở Y tế). /units lists the codes."
            )
        )
    ]


@router.step("broadcast.units", prompt=ask_units)
async def on_units(msg: Incoming, ctx: Context) -> list[Reply]:
    kept: list[str] = list(ctx.conversation.data.get("bc_units") or ())
    if msg.payload == "bc:units:go" and kept:
        ctx.conversation.put(bc_audience={"kind": "units", "units": kept})
        return await _to_ack(ctx)
    if (msg.payload or "").startswith("bc:unit:"):  # a suggestion taken
        typed = msg.payload.removeprefix("bc:unit:") if msg.payload else ""
    else:
        typed = msg.text
    found, unknown = await audience.find_units(ctx, typed)
    kept = sorted({*kept, *(u.code for u in found)})
    ctx.conversation.put(bc_units=kept)
    if not unknown and kept and msg.payload is None:
        ctx.conversation.put(bc_audience={"kind": "units", "units": kept})
        return await _to_ack(ctx)
    lines = []
    for word, close in unknown:
        guess = (
            ctx._("No unit is called «{word}». Did you mean {code} ({name})?")
            if close
            else ctx._("No unit is called «{word}».")
        )
        lines.append(
            guess.format(
                word=word, code=close.code if close else "", name=close.name if close else ""
            )
        )
    suggested = tuple(
        Button(f"✅ {close.code}", f"bc:unit:{close.code}") for _, close in unknown if close
    )
    if kept:
        lines.append(
            ctx._("Noted so far: {codes}. Type the missing ones, or continue with these.").format(
                codes=", ".join(kept)
            )
        )
        go = Button(ctx._("Continue with these units"), "bc:units:go")
        return [Reply("\n".join(lines), buttons=(*suggested, go))]
    return [Reply("\n".join(lines), buttons=suggested), *await ask_units(ctx)]


async def _to_ack(ctx: Context) -> list[Reply]:
    broadcast_send.next_step(ctx, "broadcast.ack")
    return await ask_ack(ctx)


async def ask_ack(ctx: Context) -> list[Reply]:
    return [
        Reply(
            ctx._("Add a «Received» button, so that units confirm they got it?"),
            buttons=(Button(ctx._("Yes"), "bc:ack:yes"), Button(ctx._("No"), "bc:ack:no")),
        )
    ]


@router.step("broadcast.ack", prompt=ask_ack)
async def on_ack(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.payload not in ("bc:ack:yes", "bc:ack:no"):
        return [Reply(ctx._("Please choose one of the buttons.")), *await ask_ack(ctx)]
    broadcast_send.next_step(ctx, "broadcast.preview", bc_ack=msg.payload == "bc:ack:yes")
    return await broadcast_send.preview(ctx)


def _content_type(file: Attachment) -> str:
    if file.kind == "image":
        return "image/jpeg" if file.name.lower().endswith((".jpg", ".jpeg")) else "image/png"
    return "application/pdf" if file.name.lower().endswith(".pdf") else "application/octet-stream"
