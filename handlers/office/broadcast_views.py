"""What the office sees of its announcements: the reach before sending, progress, the report,
the list of recent ones; and the buttons on them: stop, open, resend, «Received»."""

from __future__ import annotations

import gettext
import re
from collections import Counter
from typing import Any

from handlers.office import audience
from handlers.router import N_, Router, may_use
from handlers.text import fold, whole_number
from handlers.types import Button, Context, Incoming, Reply
from storage import broadcasts
from storage.broadcasts import Figures
from storage.models import Broadcast

router = Router()
CHANNEL_NAMES = {
    "telegram": "Telegram",
    "zalo_oa": "Zalo OA",
    "zalo_bot": "Zalo Bot",
    "web": "Web",
}
SHOWN_UNITS = 30
RECEIVED_WORDS = ("da nhan", "received", "got it")  # how a typed receipt begins
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")


def audience_text(ctx: Context, wanted: dict[str, Any], recipients: audience.Recipients) -> str:
    """Who it is for, in words: the groups, the units, or the rule."""
    if again := wanted.get("resend_of"):
        lead = ctx._("Resend of announcement #{number}.").format(number=again)
        return lead + " " + _who(ctx, wanted, recipients)
    return _who(ctx, wanted, recipients)


def _who(ctx: Context, wanted: dict[str, Any], recipients: audience.Recipients) -> str:
    units = ctx.number(len(recipients.units))
    kind = wanted.get("kind")
    if kind == "office":
        people = len(recipients.reachable) + len(recipients.unreachable)
        return ctx._("To: staff and admins other than you ({count} people).").format(
            count=ctx.number(people)
        )
    if kind == "groups":
        names = [g.name for g in ctx.campaign.groups if g.key in (wanted.get("groups") or ())]
        return ctx.ngettext(
            "To the groups: {groups} ({count} unit).",
            "To the groups: {groups} ({count} units).",
            len(recipients.units),
        ).format(groups="; ".join(names), count=units)
    if kind == "units":
        listed = [f"{u.code} ({u.name})" for u in recipients.units]
        return ctx._("To the units: {units}.").format(units=_some(ctx, listed))
    rule = {
        "all": ctx.ngettext(
            "To all units with someone linked ({count} unit).",
            "To all units with someone linked ({count} units).",
            len(recipients.units),
        ),
        "pending": ctx.ngettext(
            "To the units that have not submitted their pledge ({count} unit).",
            "To the units that have not submitted their pledge ({count} units).",
            len(recipients.units),
        ),
        "draft": ctx.ngettext(
            "To the units with a draft pledge ({count} unit).",
            "To the units with a draft pledge ({count} units).",
            len(recipients.units),
        ),
    }
    return rule.get(str(kind), rule["all"]).format(count=units)


def snippet(text: str, size: int = 60) -> str:
    """The first line, cut at a word with "…" when long."""
    line = (text.splitlines() or [""])[0]
    return line if len(line) <= size else line[:size].rsplit(" ", 1)[0] + "…"


def _some(ctx: Context, items: list[str]) -> str:
    """At most SHOWN_UNITS items, then "and N more"."""
    shown = ", ".join(items[:SHOWN_UNITS])
    if len(items) > SHOWN_UNITS:
        shown += " " + ctx._("and {count} more").format(count=len(items) - SHOWN_UNITS)
    return shown


def reach_text(ctx: Context, recipients: audience.Recipients) -> str:
    lines = [ctx._("Recipients:")]
    reachable = recipients.per_channel()
    blocked = Counter(p.channel for p, why in recipients.unreachable if why == "blocked")
    window = Counter(p.channel for p, why in recipients.unreachable if why == "window")
    for channel in sorted(set(reachable) | set(blocked) | set(window)):
        line = ctx._("{channel}: {count} can be reached").format(
            channel=CHANNEL_NAMES.get(channel, channel), count=ctx.number(reachable[channel])
        )
        if blocked[channel]:
            line += ctx._("; {count} blocked the bot").format(count=ctx.number(blocked[channel]))
        if window[channel]:
            line += ctx._("; {count} outside Zalo's 7-day window").format(
                count=ctx.number(window[channel])
            )
        lines.append("• " + line)
    if not (reachable or blocked or window):
        lines.append("• " + ctx._("No one to send to: nobody in this audience uses the bot yet."))
    if recipients.unlinked:
        lines.append(
            ctx._("Units with nobody linked, which will not get it ({count}): {codes}").format(
                count=ctx.number(len(recipients.unlinked)),
                codes=_some(ctx, [u.code for u in recipients.unlinked]),
            )
        )
    return "\n".join(lines)


def progress_text(catalog: gettext.NullTranslations, sent: Broadcast, figures: Figures) -> str:
    _ = catalog.gettext
    done = figures.total - figures.pending
    return _(
        "Announcement #{number}: {done} of {total} handled — {sent} sent, "
        "{unreachable} unreachable, {failed} failed."
    ).format(
        number=sent.id,
        done=done,
        total=figures.total,
        sent=figures.by_status["sent"],
        unreachable=figures.by_status["unreachable"],
        failed=figures.by_status["failed"],
    )


def report_text(
    catalog: gettext.NullTranslations, sent: Broadcast, figures: Figures, missed: list[str]
) -> str:
    _ = catalog.gettext
    by = figures.by_status
    if sent.status == "cancelled":
        head = _("Announcement #{number} was stopped.")
    elif by["pending"]:
        head = _("Announcement #{number} has gone out; some wait for people to open the web page.")
    else:
        head = _("Announcement #{number} is sent.")
    lines = [head.format(number=sent.id), _("Sent: {count}").format(count=by["sent"])]
    if blocked := by["unreachable"] - figures.outside_window:
        lines.append(_("Blocked the bot or left: {count}").format(count=blocked))
    if figures.outside_window:
        lines.append(
            _("Outside Zalo OA's 7-day window: {count}").format(count=figures.outside_window)
        )
    lines.append(_("Failed: {count}").format(count=by["failed"]))
    if by["pending"]:
        lines.append(_("Waiting on the web page: {count}").format(count=by["pending"]))
    if by["cancelled"]:
        lines.append(_("Cancelled before sending: {count}").format(count=by["cancelled"]))
    if sent.ask_ack:
        lines.append(
            _("Units that pressed «Received»: {count}").format(count=figures.acknowledged)
        )
    if missed:
        shown = ", ".join(missed[:SHOWN_UNITS])
        if len(missed) > SHOWN_UNITS:
            shown += " " + _("and {count} more").format(count=len(missed) - SHOWN_UNITS)
        lines.append(
            _("Units it reached no one in ({count}): {codes}").format(
                count=len(missed), codes=shown
            )
        )
    return "\n".join(lines)


async def unit_codes(ctx: Context, sent: Broadcast, left_out: frozenset[int]) -> list[str]:
    """Codes of the broadcast's units, less those in `left_out`."""
    return await broadcasts.unit_codes(ctx.db, set(sent.units) - left_out)


@router.command(
    "broadcasts",
    "thongbaocu",
    description=N_("recent announcements and their figures"),
    role="staff",
)
async def recent(msg: Incoming, ctx: Context) -> list[Reply]:
    rows = await broadcasts.list_broadcasts(ctx.db, ctx.campaign.id)
    if not rows:
        return [Reply(ctx._("No announcement has been sent yet. /broadcast sends one."))]
    lines = [ctx._("Recent announcements:")]
    buttons = []
    for sent in rows:
        figures = await broadcasts.figures(ctx.db, sent)
        first = snippet(sent.text)
        line = ctx._("#{number} ({moment}) «{text}»: {sent} of {total} sent").format(
            number=sent.id,
            moment=ctx.when(sent.created_at),
            text=first,
            sent=ctx.number(figures.by_status["sent"]),
            total=ctx.number(figures.total),
        )
        if sent.ask_ack:
            line += ctx.ngettext(
                ", {count} unit pressed «Received»",
                ", {count} units pressed «Received»",
                figures.acknowledged,
            ).format(count=ctx.number(figures.acknowledged))
        lines.append(line)
        buttons.append(
            Button(ctx._("Open #{number}").format(number=sent.id), f"bcx:open:{sent.id}")
        )
    return [Reply("\n".join(lines), buttons=tuple(buttons))]


@router.action("bcx", anywhere=True)
async def on_office_button(msg: Incoming, ctx: Context) -> list[Reply]:
    """Stop, open or resend a broadcast: office only, whatever a forged payload says."""
    if not may_use(ctx.account.role, "staff"):
        return [Reply(ctx._("Sorry, only the emulation office can send announcements."))]
    parts = [*(msg.payload or "").split(":"), "", "", ""]
    verb, number, which = parts[1], parts[2], parts[3]
    sent = await broadcasts.find_broadcast(ctx.db, n) if (n := whole_number(number)) else None
    if sent is None or sent.campaign_id != ctx.campaign.id:
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    if verb == "stop":
        return await _stop(ctx, sent)
    if verb == "open":
        return await _open(ctx, sent)
    if verb == "resend" and which in ("missed", "unacked"):
        return await _resend(ctx, sent, which)
    return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]


async def _stop(ctx: Context, sent: Broadcast) -> list[Reply]:
    if sent.reported:
        return [
            Reply(ctx._("Announcement #{number} has already finished.").format(number=sent.id))
        ]
    cancelled = await broadcasts.cancel_broadcast(ctx.db, sent, ctx.now())
    return [
        Reply(
            ctx._(
                "Stopped: the {count} messages of announcement #{number} not sent yet are "
                "cancelled; one already on its way may still arrive. The report follows."
            ).format(count=ctx.number(cancelled), number=sent.id)
        )
    ]


async def _open(ctx: Context, sent: Broadcast) -> list[Reply]:
    figures = await broadcasts.figures(ctx.db, sent)
    missed = await unit_codes(ctx, sent, figures.units_reached | figures.units_waiting)
    text = report_text(ctx.translations, sent, figures, missed)
    buttons = []
    if missed:
        buttons.append(
            Button(ctx._("Resend to units not reached"), f"bcx:resend:{sent.id}:missed")
        )
    if sent.ask_ack:
        unacked = await unit_codes(ctx, sent, figures.units_acked)
        if unacked:
            text += "\n" + ctx._(
                "Units that have not pressed «Received» ({count}): {codes}"
            ).format(count=len(unacked), codes=", ".join(unacked[:SHOWN_UNITS]))
            buttons.append(
                Button(ctx._("Resend to units not confirming"), f"bcx:resend:{sent.id}:unacked")
            )
    return [Reply(f"«{sent.text[:200]}»\n\n{text}", buttons=tuple(buttons))]


async def _resend(ctx: Context, sent: Broadcast, which: str) -> list[Reply]:
    figures = await broadcasts.figures(ctx.db, sent)
    done = (
        figures.units_reached | figures.units_waiting if which == "missed" else figures.units_acked
    )
    codes = await unit_codes(ctx, sent, done)
    if not codes:
        return [
            Reply(ctx._("Every unit of announcement #{number} has it.").format(number=sent.id))
        ]
    ctx.conversation.goto(
        "broadcast.preview",
        bc_text=sent.text,
        bc_attachment=sent.attachment,
        bc_audience={"kind": "units", "units": codes, "resend_of": sent.id},
        bc_ack=sent.ask_ack,
    )
    return []  # the router asks the pending step again: the preview of the resend


@router.action("bcack", anywhere=True)
async def on_received(msg: Incoming, ctx: Context) -> list[Reply]:
    number = (msg.payload or "").partition(":")[2]
    if number == "0":
        return [Reply(ctx._("This is only the preview: recipients press it to confirm."))]
    sent = whole_number(number)
    if sent is None or not await broadcasts.was_sent_to(ctx.db, sent, ctx.account.id):
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    return await _acknowledge(ctx, sent)


async def _acknowledge(ctx: Context, number: int) -> list[Reply]:
    """Receipt of this announcement, and of those it was a resend of."""
    pressed, first = number, False
    seen: set[int] = set()
    while number and number not in seen:
        seen.add(number)
        first |= await broadcasts.acknowledge(
            ctx.db, number, ctx.account.id, ctx.account.unit_id, ctx.now()
        )
        sent = await broadcasts.find_broadcast(ctx.db, number)
        number = int((sent.audience if sent else {}).get("resend_of") or 0)
    if not first:
        return [Reply(ctx._("You had already confirmed receipt. Thank you."))]
    return [
        Reply(
            ctx._("Thank you: receipt of announcement #{number} is recorded.").format(
                number=pressed
            )
        )
    ]


@router.fallback
async def typed_received(msg: Incoming, ctx: Context) -> list[Reply]:
    """«Đã nhận» typed rather than pressed, after an announcement that asks for it."""
    typed = fold(_EDGES.sub("", msg.text))
    if not typed.startswith(RECEIVED_WORDS) or "?" in msg.text or len(typed.split()) > 6:
        return []  # a question that merely starts with the words goes on to be answered
    number = await broadcasts.latest_asking_ack(ctx.db, ctx.account.id)
    if number is None:
        return []
    return await _acknowledge(ctx, number)
