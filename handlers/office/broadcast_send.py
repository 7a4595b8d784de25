"""The last steps of an announcement: the preview (what recipients will see, who they are,
who cannot be reached), the confirmation, and the rows it puts in the outbox."""

from __future__ import annotations

from typing import Any, Literal

from handlers.office import audience, broadcast_views
from handlers.router import Router, may_use
from handlers.types import Attachment, Button, Context, Incoming, Reply, pack
from storage import broadcasts, outbox

router = Router()


def next_step(ctx: Context, step: str, **data: Any) -> None:
    """The next step of the draft, keeping what was composed so far."""
    kept = {k: v for k, v in ctx.conversation.data.items() if k.startswith("bc_")}
    ctx.conversation.goto(step, **{**kept, **data})


async def preview(ctx: Context) -> list[Reply]:
    data = ctx.conversation.data
    wanted = data.get("bc_audience") or {"kind": "all"}
    recipients = await audience.resolve(ctx, wanted)
    summary = "\n".join(
        [
            broadcast_views.audience_text(ctx, wanted, recipients),
            "",
            broadcast_views.reach_text(ctx, recipients),
        ]
    )
    cancel = Button(ctx._("Cancel"), "bc:abort")
    if not recipients.reachable and not recipients.unreachable:
        other = Button(ctx._("Choose other recipients"), "bc:again")
        return [Reply(summary, buttons=(other, cancel))]
    lead = Reply(ctx._("Preview: this is what recipients will see."))
    confirm = Button(ctx._("✅ Confirm and send"), "bc:send")
    return [lead, announcement(ctx, 0, data), Reply(summary, buttons=(confirm, cancel))]


@router.step("broadcast.preview", prompt=preview)
async def on_confirm(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.payload == "bc:abort":
        ctx.conversation.goto(None)
        return [Reply(ctx._("The announcement was not sent."))]
    if msg.payload == "bc:again":
        next_step(ctx, "broadcast.audience")
        return audience.ask(ctx)
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
    units = {p.unit_id for p in people if p.unit_id is not None}
    said = (
        ctx._(
            "Announcement #{number} is being sent to {people} people in {units} units. "
            "You will see its progress here, and a report at the end."
        )
        if units
        else ctx._(
            "Announcement #{number} is being sent to {people} people. "
            "You will see its progress here, and a report at the end."
        )
    )
    counts = {
        "number": sent.id,
        "people": ctx.number(len(people)),
        "units": ctx.number(len(units)),
    }
    stop = Button(ctx._("Stop sending"), f"bcx:stop:{sent.id}")
    return [Reply(said.format(**counts), buttons=(stop,))]


def announcement(
    ctx: Context, number: int, data: dict[str, Any], locale: str | None = None
) -> Reply:
    """The message as recipients get it: the text, the file, and maybe the «Received» button."""
    label = ctx.catalog_for(locale or ctx.locale).gettext("✅ Received")  # the reader's words
    stored = data.get("bc_attachment")
    files: tuple[Attachment, ...] = ()
    if stored:
        kind: Literal["image", "document"] = (
            "image" if stored.get("kind") == "image" else "document"
        )
        files = (Attachment(kind, str(stored["name"]), ref=str(stored["ref"])),)
    buttons = (Button(label, f"bcack:{number}"),) if data.get("bc_ack") else ()
    catalog = ctx.catalog_for(locale or ctx.locale)
    head = catalog.gettext("📢 Announcement from the emulation office")
    if number:
        head += f" (#{number})"
    if again := (data.get("bc_audience") or {}).get("resend_of"):
        head += " — " + catalog.gettext("a resend of announcement #{number}").format(number=again)
    text = f"{head}\n\n{data.get('bc_text') or ''}"
    return Reply(text, buttons=buttons, attachments=files)
