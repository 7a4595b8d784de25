"""Questions about the directive: dates and status from data, the rest from the knowledge base
with its source, and a handoff to the emulation office when the bot is not sure."""

from __future__ import annotations

from datetime import datetime

from handlers import handoff
from handlers.campaign import DeadlineSpec
from handlers.knowledge import Entry, syllables
from handlers.office.reports import questions as office_questions
from handlers.pledge_view import is_empty, status_line
from handlers.router import N_, Router, may_use
from handlers.text import whole_number
from handlers.types import Button, Context, Incoming, Reply
from storage import pledges
from storage.campaigns import get_unit

router = Router()
GREETINGS = {"xin chao", "chao", "chao ban", "hello", "hi", "alo", "chao bot", "hey"}
# Words that name a deadline count alone; "when" words only beside a deadline's name
# ("chỉ thị ban hành ngày nào?" asks about the directive, not a deadline).
DEADLINE = ("han", "han chot", "thoi han", "deadline", "due", "cham nhat", "truoc ngay")
WHEN = ("khi nao", "bao gio", "ngay nao", "when", "luc nao", "thang nao")
ASKS_STATUS = (
    "tinh trang",
    "trang thai",
    "da dang ky chua",
    "da gui chua",
    "status",
    "con bao nhieu ngay",
    "con may ngay",
    "days left",
    "how many days",
)
DEADLINE_WORDS = {
    "registration": ("dang ky", "register", "registration", "pledge", "giao uoc"),
    "mid_year": ("so ket", "6 thang", "sau thang", "giua nam", "mid year", "mid"),
    "year_end": ("tong ket", "cuoi nam", "ca nam", "year end", "annual"),
}


@router.command(
    "ask", "hoi", description=N_("ask a question about the directive"), usage=N_("TEXT")
)
async def ask(msg: Incoming, ctx: Context) -> list[Reply]:
    if not msg.args:
        return [
            Reply(
                ctx._(
                    "Please write your question after the command, for example: "
                    "/hoi hạn chót đăng ký thi đua là khi nào?"
                )
            )
        ]
    return await answer(ctx, msg.args)


@router.fallback
async def free_text(msg: Incoming, ctx: Context) -> list[Reply]:
    """Whatever is typed outside a flow is taken as a question (greetings excepted)."""
    words = " ".join(syllables(msg.text))
    if msg.payload is not None or not any(c.isalpha() for c in words) or words in GREETINGS:
        return []  # a greeting, a stray number: the help answers those
    return await answer(ctx, msg.text)


async def answer(ctx: Context, question: str) -> list[Reply]:
    if (movement := await office_questions.answer(ctx, question)) is not None:
        return [movement]
    if (from_data := await answer_from_data(ctx, question)) is not None:
        return [from_data]
    knowledge = await ctx.knowledge.current(ctx.db)
    matches = knowledge.search(question)
    if not knowledge.on_topic(question, matches):
        return [out_of_scope(ctx)]
    if matches and matches[0].confident:
        return [cite(ctx, matches[0].entry, matches[0].quote)]
    ctx.conversation.put(question=question[:2000])
    buttons = [Button(_short(ctx.text_of(m.entry.title)), f"qa:{m.entry.key}") for m in matches]
    if may_use(ctx.account.role, "staff"):  # the office does not forward to itself
        text = ctx._(
            "I am not sure I can answer that from the directive. Is it about one of these "
            "topics? /status, /pending and /help show what the office can see."
        )
        return [Reply(text, buttons=tuple(buttons))]
    if ctx.account.unit_id is None:  # the office answers the units' people, by name
        text = ctx._(
            "I am not sure I can answer that from the directive. Is it about one of these "
            "topics? Once this chat is linked to your unit (send the invite code), I can "
            "pass questions on to the emulation office."
        )
        return [Reply(text, buttons=tuple(buttons))]
    buttons.append(Button(ctx._("Ask the emulation office"), "qa:forward"))
    text = ctx._(
        "I am not sure I can answer that from the directive. Is it about one of these "
        "topics? Or I can pass your question on to the emulation office."
    )
    return [Reply(text, buttons=tuple(buttons))]


def out_of_scope(ctx: Context) -> Reply:
    """A question about something else: said plainly, not guessed at nor sent to the office."""
    return Reply(
        ctx._(
            "That seems to be outside what I can help with. I answer questions about {campaign}: "
            "the directive, the deadlines, your unit's pledge and how to use this bot. "
            "/help shows what you can do."
        ).format(campaign=ctx.campaign.name)
    )


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def cite(ctx: Context, entry: Entry, quote: str) -> Reply:
    """The answer with its source; English readers get the Vietnamese quote with a lead-in."""
    if ctx.locale == "en" and entry.english:
        text = entry.english
    elif ctx.locale == "en":
        text = ctx._("From the source, in Vietnamese:") + f"\n«{quote}»"
    else:
        text = f"«{quote}»" if entry.passage else quote
    return Reply(text + "\n\n" + ctx._("Source: {source}").format(source=source_of(ctx, entry)))


def source_of(ctx: Context, entry: Entry) -> str:
    if entry.source == "bot":
        return ctx._("the Thi đua bot guide")
    if entry.source == "staff":
        return ctx._("an answer from the emulation office")
    directive = ctx.campaign.directive
    part = next((p.heading for p in directive.passages if p.id == entry.source), entry.source)
    return ctx._("Directive {number} of {date}, part “{part}”").format(
        number=directive.number, date=ctx.day(directive.date), part=part
    )


async def answer_from_data(ctx: Context, question: str) -> Reply | None:
    """ "Hạn chót đăng ký?" is answered from the campaign's dates and the unit's own pledge."""
    said = f" {' '.join(syllables(question))} "
    named = [
        d
        for d in ctx.campaign.deadlines
        if any(f" {w} " in said for w in DEADLINE_WORDS.get(d.key, ()))
    ]
    asks_when = any(f" {w} " in said for w in DEADLINE) or (
        bool(named) and any(f" {w} " in said for w in WHEN)
    )
    asks_status = any(f" {w} " in said for w in ASKS_STATUS)
    if not asks_when and not asks_status:
        return None
    wanted = named
    if asks_status and not wanted:
        wanted = [d for d in ctx.campaign.deadlines if d.key == "registration"]
    lines = [deadline_line(ctx, d, ctx.now()) for d in wanted or ctx.campaign.deadlines]
    leader = ctx.account.role == "leader"  # the office's people ask for the movement
    if leader and ctx.account.unit_id is not None and any(d.key == "registration" for d in wanted):
        unit = await get_unit(ctx.db, ctx.account.unit_id)
        pledge = await pledges.find_pledge(ctx.db, unit.id, ctx.campaign.id)
        if pledge is None or is_empty(pledge):
            status = ctx._("Your unit has not started its pledge yet.")
        else:
            status = status_line(pledge, ctx)
        lines.append(f"{unit.name}: {status}")
    source = ctx._("Source: {source}").format(source=ctx.campaign.name)
    return Reply("\n".join(lines) + "\n\n" + source)


def deadline_line(ctx: Context, deadline: DeadlineSpec, now: datetime) -> str:
    due = ctx.campaign.due_at(deadline)
    label = ctx.text_of(deadline.label)
    if due <= now:
        return ctx._("{label}: {moment} (passed).").format(label=label, moment=ctx.when(due))
    return ctx._("{label}: {moment} ({left} left).").format(
        label=label, moment=ctx.when(due), left=ctx.span(due - now)
    )


@router.action("qa")
async def on_button(msg: Incoming, ctx: Context) -> list[Reply]:
    """A topic from a "not sure" answer, or the office's buttons (forward, reply, add to FAQ)."""
    key = (msg.payload or "").removeprefix("qa:")
    verb, _, number = key.partition(":")
    if key == "forward":
        return await handoff.forward(ctx)
    if verb in ("reply", "faq") and (asked := whole_number(number)) is not None:
        return await (handoff.start_reply if verb == "reply" else handoff.add_to_faq)(ctx, asked)
    knowledge = await ctx.knowledge.current(ctx.db)
    if (entry := knowledge.entry(key)) is None:
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    question = str(ctx.conversation.data.get("question", ""))
    match = next((m for m in knowledge.search(question, limit=5) if m.entry.key == key), None)
    return [cite(ctx, entry, match.quote if match else entry.text)]
