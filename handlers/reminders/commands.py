"""What people do with reminders: snooze one; staff see the plan and switch their digest."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from handlers import handoff
from handlers.campaign import DeadlineSpec
from handlers.reminders import plan
from handlers.reminders.reach import meant_for
from handlers.router import N_, Router
from handlers.text import fold, whole_number
from handlers.types import Button, Context, Incoming, Reply, Speech, why_unreachable
from storage import questions, reminders
from storage.models import Deadline, Reminder
from storage.reminders import Person

router = Router()
CHANNEL_NAMES = {
    "telegram": "Telegram",
    "zalo_oa": "Zalo OA",
    "zalo_bot": "Zalo Bot",
    "web": "Web",
}
SHOWN_STEPS = 3
SENT_WINDOW = timedelta(days=7)


LATER_WORDS = ("nhac lai sau", "nhac toi sau", "remind me later")


@router.action("rem", anywhere=True)
async def on_button(msg: Incoming, ctx: Context) -> list[Reply]:
    """«Remind me later»: the same reminder again in a day, before the deadline; «Ask to
    reopen» (after it): a request to the office, which can reopen the pledge."""
    _, _, rest = (msg.payload or "").partition(":")
    verb, _, arg = rest.partition(":")
    reminder_id = whole_number(arg)
    if verb == "reopen":
        return await _ask_to_reopen(ctx, reminder_id)
    return await _snooze(ctx, reminder_id)


async def _own(ctx: Context, reminder_id: int | None) -> tuple[Reminder, Deadline] | None:
    """The reminder (and its deadline row), if it was one of this person's unit."""
    found = await reminders.find_reminder(ctx.db, reminder_id) if reminder_id else None
    return found if found is not None and found[0].unit_id == ctx.account.unit_id else None


async def _ask_to_reopen(ctx: Context, reminder_id: int | None) -> list[Reply]:
    found = await _own(ctx, reminder_id)
    deadline = ctx.campaign.deadline(found[1].key) if found else None
    if deadline is None:
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    return await request_reopening(ctx, deadline)


async def request_reopening(ctx: Context, deadline: DeadlineSpec) -> list[Reply]:
    """The unit's request to reopen its pledge, or its report of a review, to the office."""
    moment = ctx.when(ctx.campaign.due_at(deadline))
    if deadline.completion == "report_submitted":
        request = ctx._(
            "Our unit asks to reopen its report for “{review}”: it was not submitted by the "
            "deadline ({moment})."
        ).format(review=ctx.text_of(deadline.label), moment=moment)
    else:
        request = ctx._(
            "Our unit asks to reopen its pledge: it was not submitted by the deadline ({moment})."
        ).format(moment=moment)
    waiting = await questions.list_open_questions(ctx.db, ctx.campaign.id)
    if any(q.asker_id == ctx.account.id and q.text == request for q in waiting):
        return [Reply(ctx._("Your request is already with the emulation office."))]
    if not await handoff.pass_on(ctx, request):
        return [
            Reply(
                ctx._(
                    "Your request is saved, but no one at the emulation office uses the bot "
                    "yet. Please also contact them directly."
                )
            )
        ]
    if deadline.completion == "report_submitted":
        sent = ctx._(
            "Your request to reopen the report has been sent to the emulation office. "
            "Their answer will come to this chat."
        )
    else:
        sent = ctx._(
            "Your request to reopen the pledge has been sent to the emulation office. "
            "Their answer will come to this chat."
        )
    return [Reply(sent)]


@router.fallback
async def typed_later(msg: Incoming, ctx: Context) -> list[Reply]:
    """«Nhắc lại sau» typed (a chat without buttons): the latest reminder this person got."""
    if fold(msg.text).strip(" .!") not in LATER_WORDS:
        return []
    latest = await reminders.latest_for(ctx.db, ctx.account.id)
    if latest is None:
        return [Reply(ctx._("There is no reminder to put off."))]
    return await _snooze(ctx, latest)


async def _snooze(ctx: Context, reminder_id: int | None) -> list[Reply]:
    if (found := await _own(ctx, reminder_id)) is None:
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    row, deadline_row = found
    deadline = ctx.campaign.deadline(deadline_row.key)
    if deadline is None:
        return [Reply(ctx._("That deadline is no longer in the campaign."))]
    label = ctx.text_of(deadline.label)
    unit = next(iter(await reminders.unit_states(ctx.db, ctx.campaign.id, row.unit_id)), None)
    if unit is None or not meant_for(deadline, unit):
        return [
            Reply(
                ctx._("Your unit has completed “{deadline}”: no more reminders.").format(
                    deadline=label
                )
            )
        ]
    due = ctx.campaign.due_at(deadline)
    until = plan.snooze_until(ctx.now(), due, ctx.campaign.plan_for(deadline), ctx.campaign.zone)
    if until is None:
        text = ctx._("“{deadline}” is due at {moment}, too soon to remind you later.").format(
            deadline=label, moment=ctx.when(due)
        )
        register = deadline.completion == "pledge_submitted" and due > ctx.now()
        buttons = (Button(ctx._("📝 Register now"), "cmd:register"),) if register else ()
        return [Reply(text, buttons=buttons)]
    await reminders.snooze(ctx.db, row.id, ctx.account.id, until)
    return [
        Reply(
            ctx._("All right: I will remind you about “{deadline}” again at {moment}.").format(
                deadline=label, moment=ctx.when(until)
            )
        )
    ]


def step_name(voice: Speech, number: int) -> str:
    if number > 0:
        return voice.ngettext("{n} day before", "{n} days before", number).format(n=number)
    if number == 0:
        return voice._("on the day")
    return voice._("overdue, reminder {n}").format(n=-number)


@router.command(
    "reminders",
    "lichnhac",
    description=N_("see the reminder plan and what was sent"),
    role="staff",
)
async def show_plan(msg: Incoming, ctx: Context) -> list[Reply]:
    now, campaign = ctx.now(), ctx.campaign
    units = await reminders.unit_states(ctx.db, campaign.id)
    linked = await reminders.linked_accounts(ctx.db, campaign.id)
    quiet = campaign.reminders.quiet
    if quiet is None:
        head = ctx._("🗓 Reminder plan: sent at {time}, at any hour of the night too.")
    else:
        head = ctx._("🗓 Reminder plan: sent at {time}, never from {start} to {end}.")
    lines = [
        head.format(
            time=campaign.reminders.send_at,
            start=f"{quiet[0]:%H:%M}" if quiet else "",
            end=f"{quiet[1]:%H:%M}" if quiet else "",
        ),
        ctx._("Each next step with the units it would reach if it were sent today:"),
    ]
    for deadline in campaign.deadlines:
        lines += ["", *_deadline_plan(ctx, deadline, units, linked)]
    lines += ["", ctx._("Sent in the last 7 days:")]
    labels = {d.key: ctx.text_of(d.label) for d in campaign.deadlines}
    sent: dict[tuple[str, int], Counter[str]] = {}
    for key, step, channel, count in await reminders.sent_since(
        ctx.db, campaign.id, now - SENT_WINDOW
    ):
        sent.setdefault((key, step), Counter())[channel] += count
    for (key, step), channels in sent.items():
        per = ", ".join(
            f"{CHANNEL_NAMES.get(c, c)} {ctx.number(n)}" for c, n in sorted(channels.items())
        )
        lines.append(f"• {labels.get(key, key)}, {step_name(ctx, step)}: {per}")
    if not sent:
        lines.append("• " + ctx._("nothing"))
    return [Reply("\n".join(lines)), _digest_state(ctx)]


def _deadline_plan(
    ctx: Context,
    deadline: DeadlineSpec,
    units: list[reminders.UnitState],
    linked: dict[int, list[Person]],
) -> list[str]:
    now = ctx.now()
    due = ctx.campaign.due_at(deadline)
    lines = [
        ctx._("{deadline}, due at {moment}").format(
            deadline=ctx.text_of(deadline.label), moment=ctx.when(due)
        )
    ]
    upcoming = [s for s in plan.steps(ctx.campaign, deadline) if s.at > now][:SHOWN_STEPS]
    if not upcoming:
        lines.append("  " + ctx._("No more reminders."))
        return lines
    pending = [u for u in units if meant_for(deadline, u)]
    reached = sum(
        any(why_unreachable(p, now) is None for p in linked.get(u.id, [])) for u in pending
    )
    unreachable = sum(bool(linked.get(u.id)) for u in pending) - reached
    unlinked = sum(not linked.get(u.id) for u in pending)
    reach = ctx.ngettext("{n} unit", "{n} units", reached).format(n=ctx.number(reached))
    for step in upcoming:
        lines.append(f"  • {ctx.when(step.at)} ({step_name(ctx, step.number)}): {reach}")
    if unreachable or unlinked:
        lines.append(
            "  "
            + ctx._(
                "Not reminded: {unreachable} pending units cannot be reached in chat, "
                "{unlinked} have nobody linked."
            ).format(unreachable=ctx.number(unreachable), unlinked=ctx.number(unlinked))
        )
    return lines


@router.command(
    "digest",
    "baocaongay",
    description=N_("switch your morning digest on or off"),
    role="staff",
    usage=N_("on|off"),
)
async def digest(msg: Incoming, ctx: Context) -> list[Reply]:
    wanted = fold(msg.args)
    if wanted in ("on", "bat"):
        ctx.account.digest = True
        return [
            Reply(
                ctx._(
                    "Your morning digest is on: on days when a unit is behind a deadline, it is "
                    "sent at {time}."
                ).format(time=ctx.campaign.reminders.send_at)
            )
        ]
    if wanted in ("off", "tat"):
        ctx.account.digest = False
        return [Reply(ctx._("Your morning digest is off. /digest on switches it back on."))]
    if wanted:
        unknown = ctx._("I did not understand «{typed}».").format(typed=msg.args.strip()[:40])
        return [Reply(unknown), _digest_state(ctx)]
    return [_digest_state(ctx)]


def _digest_state(ctx: Context) -> Reply:
    """Whether this person's digest is on, with the button that switches it."""
    if ctx.account.digest:
        text = ctx._("Your morning digest is on. /digest off switches it off.")
        button = Button(ctx._("Switch it off"), "cmd:digest off")
    else:
        text = ctx._("Your morning digest is switched off. /digest on switches it on.")
        button = Button(ctx._("Switch it on"), "cmd:digest on")
    return Reply(text, buttons=(button,))
