"""Announcements from the office: compose the text (and one photo or file), choose the audience,
preview, confirm. Sending, progress and the report go through the outbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Literal

from handlers.office import audience, broadcast_views
from handlers.router import N_, Router, may_use
from handlers.text import fold
from handlers.types import Attachment, Button, Context, Incoming, Reply, pack
from storage import broadcasts, media, outbox

router = Router()
MAX_TEXT = 4000
MAX_FILE = 20 * 1024 * 1024  # what Telegram lets a bot download, and plenty for a letter
FILE_KEPT = timedelta(days=90)  # a resend weeks later still carries the file


@router.command(
    "broadcast",
    "thongbao",
    description=N_("send an announcement to units"),
    role="staff",
    usage=N_("[TEXT]"),
)
async def start(msg: Incoming, ctx: Context) -> list[Reply]:
    ctx.conversation.goto("broadcast.text")  # a fresh draft
    if msg.args:
        return await on_text(msg, ctx)
    return await ask_text(ctx)


async def ask_text(ctx: Context) -> list[Reply]:
    return [
        Reply(
            ctx._(
                "Type the announcement (at most {limit} characters), or /cancel. "
                "A photo or file can be added in the next step."
            ).format(limit=ctx.number(MAX_TEXT))
        )
    ]


@router.step("broadcast.text", prompt=ask_text)
async def on_text(msg: Incoming, ctx: Context) -> list[Reply]:
    text = (msg.args if msg.command else msg.text).strip()
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
    _step(ctx, "broadcast.attach", bc_text=text)
    if msg.attachments:
        return await on_attachment(msg, ctx)
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
        _step(ctx, "broadcast.audience", bc_attachment=None)
        return ask_audience(ctx)
    if not msg.attachments:
        return [
            Reply(ctx._("Please send a photo or a file, or press Skip.")),
            *await ask_attachment(ctx),
        ]
    file = msg.attachments[0]
    if not file.data or len(file.data) > MAX_FILE:  # empty: the platform would not give it
        refused = ctx._(
            "That file could not be received: it may be over 20 MB. Please send a smaller one."
        )
        return [Reply(refused), *await ask_attachment(ctx)]
    stored = await media.put_media(
        ctx.db, file.name, _content_type(file), file.data, ctx.now(), keep=FILE_KEPT
    )
    kept = {"kind": file.kind, "name": file.name, "ref": stored.token}
    _step(ctx, "broadcast.audience", bc_attachment=kept)
    return [Reply(ctx._("File received: {name}.").format(name=file.name)), *ask_audience(ctx)]


def ask_audience(ctx: Context) -> list[Reply]:
    labels = {
        "all": ctx._("All linked units"),
        "groups": ctx._("Some emulation groups"),
        "pending": ctx._("Units not yet submitted"),
        "draft": ctx._("Units with a draft"),
        "units": ctx._("A list of unit codes"),
        "office": ctx._("Staff and admins only"),
    }
    buttons = tuple(Button(labels[kind], f"bc:aud:{kind}") for kind in audience.KINDS)
    return [Reply(ctx._("Who should receive it?"), buttons=buttons)]


async def _ask_audience(ctx: Context) -> list[Reply]:
    return ask_audience(ctx)


@router.step("broadcast.audience", prompt=_ask_audience)
async def on_audience(msg: Incoming, ctx: Context) -> list[Reply]:
    kind = (msg.payload or "").removeprefix("bc:aud:")
    if kind not in audience.KINDS:
        return [Reply(ctx._("Please choose one of the buttons.")), *ask_audience(ctx)]
    if kind == "groups":
        _step(ctx, "broadcast.groups", bc_groups=[])
        return await ask_groups(ctx)
    if kind == "units":
        _step(ctx, "broadcast.units")
        return await ask_units(ctx)
    ctx.conversation.put(bc_audience={"kind": kind})
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
                "Type the unit codes, separated by commas or spaces "
                "(for example: TAMKY, HOIAN). /units lists the codes."
            )
        )
    ]


@router.step("broadcast.units", prompt=ask_units)
async def on_units(msg: Incoming, ctx: Context) -> list[Reply]:
    found, unknown = await audience.find_units(ctx, msg.text)
    if unknown or not found:
        said = ", ".join(unknown) or msg.text
        return [
            Reply(
                ctx._("No unit has the code or name: {words}. Please type the list again.").format(
                    words=said
                )
            ),
            *await ask_units(ctx),
        ]
    ctx.conversation.put(bc_audience={"kind": "units", "units": sorted(u.code for u in found)})
    return await _to_ack(ctx)


async def _to_ack(ctx: Context) -> list[Reply]:
    _step(ctx, "broadcast.ack")
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
    _step(ctx, "broadcast.preview", bc_ack=msg.payload == "bc:ack:yes")
    return await preview(ctx)


async def preview(ctx: Context) -> list[Reply]:
    data = ctx.conversation.data
    recipients = await audience.resolve(ctx, data.get("bc_audience") or {"kind": "all"})
    shown = announcement(ctx, 0, data)
    summary = broadcast_views.reach_text(ctx, recipients)
    buttons = (
        Button(ctx._("✅ Confirm and send"), "bc:send"),
        Button(ctx._("Cancel"), "bc:abort"),
    )
    lead = Reply(ctx._("Preview: this is what recipients will see."))
    return [lead, shown, Reply(summary, buttons=buttons)]


@router.step("broadcast.preview", prompt=preview)
async def on_confirm(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.payload == "bc:abort":
        ctx.conversation.goto(None)
        return [Reply(ctx._("The announcement was not sent."))]
    if msg.payload != "bc:send":
        return [Reply(ctx._("Please press Confirm and send, or Cancel.")), *await preview(ctx)]
    if not may_use(ctx.account.role, "staff"):  # a role taken away while composing
        ctx.conversation.goto(None)
        return [Reply(ctx._("Sorry, only the emulation office can send announcements."))]
    data = dict(ctx.conversation.data)
    ctx.conversation.goto(None)
    return await send(ctx, data)


async def send(ctx: Context, data: dict[str, Any]) -> list[Reply]:
    wanted = data.get("bc_audience") or {"kind": "all"}
    recipients = await audience.resolve(ctx, wanted)
    people = recipients.reachable + [person for person, _ in recipients.unreachable]
    sent = await broadcasts.create_broadcast(
        ctx.db,
        campaign_id=ctx.campaign.id,
        sender_id=ctx.account.id,
        text=str(data["bc_text"]),
        attachment=data.get("bc_attachment"),
        audience=wanted,
        ask_ack=bool(data.get("bc_ack")),
        units=[u.id for u in recipients.units],
        at=ctx.now(),
    )
    for locale in sorted({p.locale for p in people}):  # the button in each reader's language
        payload = pack([announcement(ctx, sent.id, data, locale)])
        targets = [(p.id, p.chat_id) for p in people if p.locale == locale]
        await outbox.enqueue_many(
            ctx.db, targets, "broadcast", payload, ctx.now(), broadcast_id=sent.id
        )
    return [
        Reply(
            ctx._(
                "Announcement #{number} is being sent to {people} people in {units} units. "
                "You will see its progress here, and a report at the end."
            ).format(
                number=sent.id,
                people=ctx.number(len(people)),
                units=ctx.number(len(recipients.units)),
            ),
            buttons=(Button(ctx._("Stop sending"), f"bcx:stop:{sent.id}"),),
        )
    ]


def announcement(
    ctx: Context, number: int, data: dict[str, Any], locale: str | None = None
) -> Reply:
    """The message as recipients get it: the text, the file, and maybe the «Received» button."""
    label = ctx.catalog_for(locale or ctx.locale).gettext("✅ Received")
    stored = data.get("bc_attachment")
    files: tuple[Attachment, ...] = ()
    if stored:
        kind: Literal["image", "document"] = (
            "image" if stored.get("kind") == "image" else "document"
        )
        files = (Attachment(kind, str(stored["name"]), ref=str(stored["ref"])),)
    buttons = (Button(label, f"bcack:{number}"),) if data.get("bc_ack") else ()
    return Reply(str(data.get("bc_text") or ""), buttons=buttons, attachments=files)


def _step(ctx: Context, step: str, **data: Any) -> None:
    """The next step of the draft, keeping what was composed so far."""
    kept = {k: v for k, v in ctx.conversation.data.items() if k.startswith("bc_")}
    ctx.conversation.goto(step, **{**kept, **data})


def _content_type(file: Attachment) -> str:
    if file.kind == "image":
        return "image/jpeg" if file.name.lower().endswith((".jpg", ".jpeg")) else "image/png"
    return "application/pdf" if file.name.lower().endswith(".pdf") else "application/octet-stream"
