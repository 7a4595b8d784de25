"""A deadline said to have moved, or asked to be moved, to a day of its own ("đổi hạn báo cáo sơ
kết thành 30/07/2027 và nhắn cho các đơn vị", "the year-end report is now due 1 December
2027"): whether it is an order or a question, the bot moves no deadline, and the deadlines as
the office set them are what the person needs to hear."""

from __future__ import annotations

from handlers import naming, qa_data
from handlers.campaign import DeadlineSpec
from handlers.entries import Question
from handlers.phrases import says_any
from handlers.types import Context, Reply


def moved_to(ctx: Context, read: Question) -> list[DeadlineSpec]:
    """The deadlines a message says move to a day that is none of theirs: those it names, or
    all of them where it only says "hạn"; [] when it says no such thing."""
    said, words = read.said, qa_data.asking()
    if not says_any(said, words["moved"]):
        return []
    named = qa_data.named(read, ctx.campaign)
    if not (named or says_any(said, words["deadline"])):
        return []
    wanted = named or list(ctx.campaign.deadlines)
    due = {(d.day, d.month) for d in map(ctx.campaign.due_at, wanted)}
    return wanted if naming.days(read.text) - due else []


def deadlines_moved(ctx: Context, read: Question) -> Reply | None:
    """The reply to a deadline said to move: the bot does not move it, the office's dates as
    they stand, and how a unit gets more time; None when the message says no such thing."""
    if not (wanted := moved_to(ctx, read)):
        return None
    lines = [qa_data.deadline_line(ctx, d, ctx.now()) for d in wanted]
    more = (
        ctx._("To give one unit more time, use /unlock UNIT_CODE [DAYS].")
        if ctx.account.role == "admin"
        else ctx._("If your unit needs more time, ask the emulation office to reopen it for you.")
    )
    said = ctx.ngettext(  # an order or a question: either way it has not moved
        "The deadline stands as the emulation office set it: no message to the bot moves it, "
        "and the bot does not pass such a message on to the units. As it stands:",
        "The deadlines stand as the emulation office set them: no message to the bot moves "
        "them, and the bot does not pass such a message on to the units. As they stand:",
        len(wanted),
    )
    return Reply("\n".join([said, *lines, more]))
