"""Questions the bot cannot answer: passed to the emulation office, answered from the chat,
sent back to the asker, and, with one more button, added to the FAQ for everyone."""

from __future__ import annotations

from datetime import timedelta

from handlers.pledge_view import office_contact
from handlers.router import N_, Router, may_use
from handlers.types import Button, Context, Incoming, Reply, pack
from storage import accounts, outbox, questions
from storage.campaigns import get_unit
from storage.models import Account

router = Router()
PER_HOUR, PER_HOUR_WINDOW = 5, timedelta(hours=1)  # questions one person may forward


def translate(ctx: Context, locale: str, message: str) -> str:
    """A message in someone else's language (the office member being told, the asker)."""
    return ctx.catalog_for(locale).gettext(message)


async def tell(
    ctx: Context, account: Account, kind: str, text: str, buttons: tuple[Button, ...] = ()
) -> None:
    await outbox.enqueue(ctx.db, account.id, kind, pack([Reply(text, buttons)]), ctx.now())


async def forward(ctx: Context) -> list[Reply]:
    """The person's last unanswered question to every office member."""
    text = str(ctx.conversation.data.get("question") or "")
    if not text:
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    if not ctx.account.settled:  # anyone at all: not yet
        return [
            Reply(
                ctx._(
                    "Questions reach the emulation office from linked chats only, so that "
                    "they know who asks. Please send your invite code first."
                )
            )
        ]
    now = ctx.now()
    recent = await questions.asked_since(ctx.db, ctx.account.id, now - PER_HOUR_WINDOW)
    if len(recent) >= PER_HOUR:  # the question stays, and the button works again later
        return [
            Reply(
                ctx._(
                    "You have passed {count} questions on to the emulation office in the last "
                    "hour; they will answer them. This one is kept: press the button again "
                    "after {moment}, or contact the office directly if it is urgent."
                ).format(count=len(recent), moment=ctx.when(recent[-PER_HOUR] + PER_HOUR_WINDOW)),
                buttons=(Button(ctx._("Ask the emulation office"), "qa:forward"),),
            )
        ]
    reached = await pass_on(ctx, text)
    ctx.conversation.put(question=None)
    if not reached:
        text = ctx._(
            "Your question is saved, but no one at the emulation office uses "
            "the bot yet. Please also contact them directly."
        )
        contact = office_contact(ctx)
        return [Reply(f"{text}\n{contact}" if contact else text)]
    return [
        Reply(
            ctx._(
                "Your question has been passed on to the emulation office. Their "
                "answer will come to this chat."
            )
        )
    ]


async def pass_on(ctx: Context, text: str) -> bool:
    """Saves the question and tells every office member; False when there is none."""
    asked = await questions.ask_staff(ctx.db, ctx.campaign.id, ctx.account.id, text, ctx.now())
    who = await _asker(ctx, ctx.account)
    office = [
        a for a in await accounts.list_office_accounts(ctx.db, None) if a.id != ctx.account.id
    ]
    for member in office:
        said = translate(ctx, member.locale, "Question #{number} from {who}:").format(
            number=asked.id, who=who
        )
        label = translate(ctx, member.locale, "Answer")
        await tell(
            ctx, member, "question", f"{said}\n«{text}»", (Button(label, f"qa:reply:{asked.id}"),)
        )
    return bool(office)


async def _asker(ctx: Context, account: Account) -> str:
    if account.unit_id is not None:
        return (await get_unit(ctx.db, account.unit_id)).name
    return account.display_name or f"{account.channel}:{account.user_id}"


async def start_reply(ctx: Context, number: int) -> list[Reply]:
    if not may_use(ctx.account.role, "staff"):
        return [Reply(ctx._("Sorry, only the emulation office can answer questions."))]
    asked = await questions.find_question(ctx.db, number)
    if asked is None or asked.campaign_id != ctx.campaign.id:
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    if asked.status == "answered":
        return [
            Reply(ctx._("Question #{number} has already been answered.").format(number=number))
        ]
    ctx.conversation.goto("qa.answer", question=number)
    return await ask_answer(ctx)


async def ask_answer(ctx: Context) -> list[Reply]:
    asked = await questions.find_question(ctx.db, int(ctx.conversation.data.get("question", 0)))
    if asked is None:
        ctx.conversation.goto(None)
        return []
    return [
        Reply(
            ctx._("Type your answer to question #{number}, or /cancel:\n«{text}»").format(
                number=asked.id, text=asked.text
            )
        )
    ]


@router.step("qa.answer", prompt=ask_answer)
async def on_answer(msg: Incoming, ctx: Context) -> list[Reply]:
    asked = await questions.find_question(ctx.db, int(ctx.conversation.data.get("question", 0)))
    text = msg.text.strip()
    if asked is None:
        ctx.conversation.goto(None)
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    if not text or msg.payload is not None:
        return [Reply(ctx._("Please type the answer as a message.")), *await ask_answer(ctx)]
    await questions.answer_question(ctx.db, asked, text, by=ctx.account.id, at=ctx.now())
    asker = await ctx.db.get(Account, asked.asker_id)
    if asker is not None:
        lead = translate(
            ctx, asker.locale, "The emulation office answered your question «{question}»:"
        )
        await tell(ctx, asker, "answer", lead.format(question=asked.text) + "\n" + text)
    ctx.conversation.goto(None)
    faq = Button(ctx._("Add to the FAQ"), f"qa:faq:{asked.id}")
    return [
        Reply(
            ctx._(
                "Sent to the person who asked. Should the bot give this answer to the "
                "same question from now on?"
            ),
            buttons=(faq,),
        )
    ]


async def add_to_faq(ctx: Context, number: int) -> list[Reply]:
    if not may_use(ctx.account.role, "staff"):
        return [Reply(ctx._("Sorry, only the emulation office can answer questions."))]
    asked = await questions.find_question(ctx.db, number)
    if asked is None or asked.status != "answered":
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    await questions.add_faq(ctx.db, asked, by=ctx.account.id, at=ctx.now())
    ctx.knowledge.stale()  # the next question here finds it
    return [Reply(ctx._("Added to the FAQ: the bot now answers this question itself."))]


@router.command(
    "questions", "cauhoi", description=N_("questions waiting for an answer"), role="staff"
)
async def waiting(msg: Incoming, ctx: Context) -> list[Reply]:
    open_ = await questions.list_open_questions(ctx.db, ctx.campaign.id)
    if not open_:
        return [Reply(ctx._("No question is waiting for an answer."))]
    lines = [
        ctx.ngettext(
            "{count} question waits for an answer:",
            "{count} questions wait for an answer:",
            len(open_),
        ).format(count=len(open_))
    ]
    buttons = []
    for asked in open_[:10]:
        asker = await ctx.db.get(Account, asked.asker_id)
        who = await _asker(ctx, asker) if asker is not None else "?"
        lines.append(f"#{asked.id} ({who}, {ctx.when(asked.asked_at)}): «{asked.text}»")
        buttons.append(
            Button(ctx._("Answer #{number}").format(number=asked.id), f"qa:reply:{asked.id}")
        )
    return [Reply("\n".join(lines), buttons=tuple(buttons))]
