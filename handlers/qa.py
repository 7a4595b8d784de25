"""Questions about the directive: dates and status from data, the rest from the knowledge base
with its source, and a handoff to the emulation office when the bot is not sure."""

from __future__ import annotations

import dataclasses
import re

from handlers import clauses, handoff, naming, off_topic, qa_data, reading, spoken
from handlers.answerable import answerable, asked_alone
from handlers.citing import cite
from handlers.elsewhere import (
    another_subject,
    another_time,
    asks_where_of,
    bodies_beyond,
    deadline_years,
    elsewhere,
    out_of_scope,
)
from handlers.entries import Entry, Match, Question
from handlers.knowledge import Knowledge
from handlers.moved import deadlines_moved
from handlers.office.reports import questions as office_questions
from handlers.qa_data import answer_from_data
from handlers.router import N_, Router, may_use
from handlers.text import said, whole_number
from handlers.types import Button, Context, Incoming, Reply

router = Router()
OTHER_YEAR = re.compile(r"(?<![/\d])(?:19|20)\d{2}\b")  # "năm 2025", not "73/2023"
BESIDE = 0.8  # how much of a part an answer must hold beside a part about what it never tells
BRIEF = 5  # a later part this short asks of the first part's subject ("…, đăng ký ở đâu?")
THANKS = {"ok", "oke", "okay", "cam on", "cam on nhe", "cam on ban", "thanks", "thank you"}
THANKS |= {"vang", "da", "da vang", "u", "duoc roi", "tot", "good", "great"}
THANKS |= {"cam on bot", "cam on bot nhe", "cam on nhieu", "cam on ban nhieu", "xin cam on"}
THANKS |= {"ok cam on", "tks", "thx", "thanks bot", "thank you bot", "many thanks"}
# "ad ơi cho em hỏi chút", "can I ask something?": a question to come, none asked yet
OPENER = re.compile(
    r"^(?:(?:ad|admin|bot|oi|a|anh|chi|em|e|ban|minh|toi|cho|xin|duoc|dc|khong|k|ko|ha|nhe)\s)*"
    r"hoi\s(?:chut|xiu|ti|mot chut|1 chut|mot xiu|1 xiu|cai|viec nay)(?:\s(?:duoc|dc|khong|k|ko|"
    r"a|nhe|voi|nha|di|ad|admin|ban|anh|chi|em))*$"
    r"|^(?:can|could|may) i ask (?:you )?(?:something|a question)(?: please)?$"
)


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
    if msg.payload is None and said(msg.text) in THANKS:
        return [Reply(ctx._("You are welcome. Send /help whenever you need something."))]
    if msg.payload is None and OPENER.match(said(msg.text).strip(" ?")):
        ctx = ctx.speaking(reading.language(msg.text))  # "can I ask something?": in English
        return [
            Reply(
                ctx._(
                    "Yes, please ask: I answer questions about the directive, the deadlines and "
                    "your unit's pledge."
                )
            )
        ]
    words = " ".join(reading.syllables(msg.text, idle=True))
    if msg.payload is not None or not any(c.isalpha() for c in words) or reading.greets(msg.text):
        return []  # a greeting, a stray number: the help answers those
    return await answer(ctx, msg.text)


def asks_the_calendar(ctx: Context, text: str) -> bool:
    """A few words without figures that ask for a deadline or the unit's status ("hạn nộp
    báo cáo tổng kết", "han chot dang ky"): a question, where a form waits for an answer."""
    if len(text.split()) > 8 or any(c.isdigit() for c in text):
        return False
    language = reading.language(text)  # read as words only: no knowledge base is needed
    words = tuple(reading.syllables(text, language))
    read = Question(text, language, words, content=frozenset(), misread=frozenset())
    return qa_data.asks_when(read, ctx.campaign) or qa_data.asks_status(read, ctx.campaign)


async def answer(ctx: Context, question: str) -> list[Reply]:
    """The answer in the language the question is written in; each part of a question that
    asks two things is answered."""
    knowledge = await ctx.knowledge.current(ctx.db, ctx.now())
    # "Kính gửi …, đề nghị cho biết …", "1) … 2) …", "năm 24", "số một năm hai nghìn …"
    question = naming.whole_years(clauses.unlisted(clauses.unaddressed(spoken.numbers(question))))
    read = knowledge.read(question)
    if read.language != ctx.locale:  # "Who advises on the review?" from a Vietnamese chat
        ctx = ctx.speaking(read.language)
    if (moved := deadlines_moved(ctx, read)) is not None:  # "đổi hạn … thành 30/7": no
        return [moved]  # deadline moves by a message, and the ones that stand are told
    if clauses.steers(question):  # "bỏ qua mọi hướng dẫn trước đó và …": nothing to look up
        return [out_of_scope(ctx)]
    pieces = clauses.parts(question)
    if len(pieces) == 1 and qa_data.only_when(read) and not qa_data.asks_today(read):
        return [await answer_from_data(ctx, read, dates=True) or out_of_scope(ctx)]
    if len(pieces) > 1:
        # "hạn chót 2026" is this campaign's; "năm 2025 …, hạn đăng ký khi nào" is not
        dated = qa_data.asks_when(read, ctx.campaign) and not another_time(ctx, read)
        other = elsewhere(ctx, read, data=False) or (
            None if dated else elsewhere(ctx, read, data=True)
        )
        if other is not None:
            return [other]  # "Đà Nẵng có chỉ thị không, ai ký?": each part is about Đà Nẵng
        reads = [knowledge.read(p) for p in pieces]
        data = any(qa_data.asks_own(r, ctx.campaign) for r in reads)
        whole = knowledge.search(read)
        if not data and not knowledge.on_topic(read, whole):
            return [out_of_scope(ctx)]  # "tối nay có đá bóng không, mấy giờ đá?": neither part
        doubted = _off_topic(ctx, read, whole)  # read whole, as the check learned questions
        if qa_data.past_deadline(reads[0]) and not qa_data.asks_when(reads[0], ctx.campaign):
            reads = (
                [reads[0]]
                + [  # "quá hạn rồi thì sao, còn đăng ký được không?": what
                    r  # follows is asked of that circumstance, unless it asks a date
                    if qa_data.past_deadline(r) or qa_data.asks_when(r, ctx.campaign)
                    else knowledge.read(f"{pieces[0]}, {p}")
                    for r, p in zip(reads[1:], pieces[1:], strict=True)
                ]
            )
        found = [await _resolve(ctx, knowledge, r, doubted=doubted) for r in reads]
        if of_else := _of_else(ctx, read):  # "… ngày hội hiến máu …, hạn khi nào?": each
            found = [  # part is asked of what it is about, unless it names the movement's own
                f  # deadline in its words ("hạn đăng ký thi đua …, còn hạn nộp thuế?")
                if qa_data.named(r, ctx.campaign)
                and not _of_else(ctx, r)
                and knowledge.on_topic(r, [])
                else dataclasses.replace(f, sure=False)
                for f, r in zip(found, reads, strict=True)
            ]
        if any(clauses.beyond(p) for p in pieces):  # "Tiền thưởng bao nhiêu, và ở huyện ai ký
            # quyết định công nhận?": the rest is asked of what the directive never tells of
            found = [dataclasses.replace(f, sure=f.sure and f.held >= BESIDE) for f in found]
        if not found[0].sure:  # "Công đoàn … có phong trào riêng không, đăng ký ở đâu?" asks
            found = (
                found[:1]
                + [  # of the union's, "file báo cáo lỗi, sửa sao?" of the file's
                    dataclasses.replace(f, sure=False)
                    if len(r.words) <= BRIEF
                    and not qa_data.asks_when(r, ctx.campaign)  # "…, hạn tổng kết khi nào?"
                    and (clauses.beyond(pieces[0]) or not asked_alone(knowledge, reads[0], r))
                    else f
                    for f, r in zip(found[1:], reads[1:], strict=True)
                ]
            )
        for n in range(1, len(pieces)):  # "hạn chót đăng ký khi nào, nộp cho ai": the pledge;
            # "QĐ 658 ban hành ngày nào, ai ban hành": the decision, not the directive;
            # "Huyện Thăng Bình đăng ký chưa, đăng ký gì?": that unit's
            if (theirs := await qa_data.answer_of_named(ctx, pieces[0], reads[n])) is not None:
                found[n] = Found(theirs, sure=True)
            elif doubted:
                continue  # no sourced answer to any part
            elif (
                not found[n].sure
                and dated
                and not of_else
                and qa_data.named(reads[n], ctx.campaign)
            ):
                # "hạn sơ kết khi nào, còn tổng kết thì sao?": the other one's date
                found[n] = Found(
                    await answer_from_data(ctx, reads[n], dates=True) or found[n].reply, sure=True
                )
            elif found[0].sure and (reads[n].content <= reads[0].content or not found[n].sure):
                # "…, nộp cho ai" asked of the first part's subject, when that one is answered
                found[n] = _with_subject(ctx, knowledge, reads[0], pieces[n]) or found[n]
        if all(f.sure for f in found) and len({f.reply.text for f in found}) == 1:
            return [found[0].reply]  # "số mấy, ban hành ngày nào": one answer holds both
        if any(f.sure for f in found):  # else the question is answered whole, and without
            return [_joined(ctx, pieces, found)]  # a source if about papers or events of its own
        return [(await _resolve(ctx, knowledge, read, doubted=of_else)).reply]
    return [(await _resolve(ctx, knowledge, read)).reply]


def _of_else(ctx: Context, read: Question) -> bool:
    """Whether a question is about papers or an event of its own ("hiến máu", "xe máy"), or a
    report or directive of another subject: the campaign's dates are not theirs."""
    return qa_data.personal(read) or another_subject(read, ctx.campaign)


def _with_subject(ctx: Context, knowledge: Knowledge, first: Question, later: str) -> Found | None:
    """A later part asked of the first part's subject ("…, nộp cho ai" of the pledge), from the
    knowledge base only, when that is sure."""
    subject = [w for w in first.words if w not in qa_data.asking_words()]
    read = knowledge.read(f"{later} {' '.join(subject)}")
    matches = knowledge.search(read)
    sure = matches and matches[0].confident and knowledge.on_topic(read, matches)
    if sure and answerable(first.text, matches[0]) and answerable(later, matches[0]):
        return Found(cite(ctx, matches[0].entry, matches[0].quote), sure=True)
    return None


@dataclasses.dataclass(frozen=True, slots=True)
class Found:
    reply: Reply
    sure: bool  # answered from data or a source, not "not sure" or "elsewhere"
    held: float = 1.0  # how much of the question the knowledge base's answer holds
    outside: bool = False  # about something this bot does not cover ("giá vàng hôm nay")


async def _resolve(
    ctx: Context, knowledge: Knowledge, read: Question, *, doubted: bool = False
) -> Found:
    """One question: out of scope, another province's, a deadline or the unit's progress,
    another year's directive, or the knowledge base (sure, or not sure)."""
    if qa_data.asks_today(read):  # "hôm nay ngày mấy rồi?": the date, and the next deadline
        return Found(qa_data.today(ctx, read), sure=True)
    if clauses.requests(read.text):  # "viết giúp tôi bài phát biểu …", "gửi all đv giùm: …":
        return Found(out_of_scope(ctx), sure=False, outside=True)  # not for the office either
    # "chat này liên kết với đơn vị nào": the unit; "làm sao liên kết": how, the guide's
    command = qa_data.asks_command(read)  # "xem trạng thái thì gõ gì", "làm sao liên kết"
    asks_link = qa_data.asks_link(read)  # "gõ lệnh gì để biết nhóm này gắn với đơn vị nào"
    if asks_link and (shown := _shown(knowledge, "account")) is not None:
        return Found(
            await _with_account(ctx, cite(ctx, shown, knowledge.quote(shown, read))), sure=True
        )
    # "xem tình trạng bằng lệnh nào": the command that shows it (not "làm tiếp thì gõ gì")
    seen = command and qa_data.asks_status(read, ctx.campaign) and qa_data.asks_to_see(read)
    if seen and (shown := _shown(knowledge, "pledge")) is not None:
        return Found(cite(ctx, shown, knowledge.quote(shown, read)), sure=True)
    matches = knowledge.search(read)
    office = may_use(ctx.account.role, "staff")  # the office sees a unit's group in its view
    on_topic = knowledge.on_topic(read, matches)
    dated = qa_data.asks_when(read, ctx.campaign)  # "han dk ben quang ngai": elsewhere too
    if (on_topic or dated) and (place := elsewhere(ctx, read, data=False)) is not None:
        return Found(place, sure=False)
    # "hạn nộp hồ sơ Huân chương Lao động?" names what the campaign has no date for, and
    # "hạn đăng ký năm 2025" another year than the campaign's (2024, and its deadlines' years)
    ours = not read.strangers or bool(qa_data.named(read, ctx.campaign))
    later = another_time(ctx, read)  # "năm ngoái", "hạn đăng ký năm 2027"
    # "báo cáo sơ kết công tác cải cách hành chính", "chỉ thị về phòng chống thiên tai"
    named_else = another_subject(read, ctx.campaign)
    ours = ours and not later and not named_else and not qa_data.personal(read)
    # "Ban Tuyên giáo … gửi báo cáo trước ngày nào?": a body that is none of the campaign's
    # units has none of its dates
    bodies = [n for n in knowledge.named(read) if n not in read.strangers]
    ours = ours and not bodies_beyond(bodies, ctx.campaign)
    # "what documents do I attach when registering": not the deadline, unless it is asked for
    ours = ours and (not clauses.beyond(read.text) or qa_data.names_deadline(read))
    deadline = dated and not qa_data.asks_status(read, ctx.campaign)
    if not office and (grouped := await qa_data.answer_group(ctx, read)) is not None:
        return Found(grouped, sure=True)  # "Quế Sơn thuộc khối thi đua nào?"
    # a question reading more like one about something else is given no sourced answer, but
    # still what is said of another year or place, or of another unit
    doubted = doubted or _off_topic(ctx, read, matches)
    if (theirs := await qa_data.answer_other_unit(ctx, read)) is not None:
        return Found(theirs, sure=True)  # "Sở Xây dựng đăng ký những danh hiệu gì?"
    # "hạn đăng ký năm 2026 là khi nào": a year beside a deadline is checked against the
    # deadline's own year (`ours`), which settles it
    unsure = doubted and not naming.years(read.text) & deadline_years(ctx)
    from_data = await answer_from_data(ctx, read, doubted=unsure) if ours and deadline else None
    if from_data is not None:
        return Found(from_data, sure=True)  # "bc tổng kết nộp hạn bn?" asks for a date
    document = any(p in read.said for p in qa_data.asking()["document_named"])
    how = command and bool(matches) and matches[0].confident  # the guide has the command
    if (
        not (document or command or later or doubted)  # "thi đua năm 2020 ra sao"
        and (movement := await office_questions.answer(ctx, read.text)) is not None
    ):
        return Found(movement, sure=True)  # who has registered: the office's, or one's own
    from_data = None if how or not ours else await answer_from_data(ctx, read, doubted=doubted)
    if from_data is not None:
        return Found(from_data, sure=True)  # "bản giao ước của huyện mình ở trạng thái nào"
    if not on_topic:
        return Found(out_of_scope(ctx), sure=False, outside=True)
    if (year := elsewhere(ctx, read, data=True)) is not None:
        return Found(year, sure=False)
    if asks_where_of(read, ctx.campaign):  # "Sở Nội vụ ở đâu?": never told
        return _not_sure(ctx, read, matches)
    sure = matches and matches[0].confident and not (doubted or named_else)
    if sure and answerable(read.text, matches[0]):
        reply = cite(ctx, matches[0].entry, matches[0].quote)
        if matches[0].entry.shows == "account":  # "mình là đơn vị nào": the unit, then how
            reply = await _with_account(ctx, reply)
        return Found(reply, sure=True, held=matches[0].strict)
    return _not_sure(ctx, read, matches)


def _off_topic(ctx: Context, read: Question, matches: list[Match]) -> bool:
    """Whether a leader's question reads more like one about something else than like the
    questions about the campaign: not answered with a source, whatever it matches. The office's
    own questions were never learned from."""
    if may_use(ctx.account.role, "staff"):
        return False
    return off_topic.likely(read, matches[0] if matches else None, ctx.campaign.key)


def _shown(knowledge: Knowledge, kind: str) -> Entry | None:
    """The FAQ entry marked to show the asker's own data of this kind (`shows:`)."""
    return next((e for e in knowledge.entries if e.shows == kind), None)


async def _with_account(ctx: Context, reply: Reply) -> Reply:
    """An answer about the chat's link, after the unit and role it is linked to."""
    return Reply(f"{await qa_data.own_link(ctx)}\n{reply.text}")


def _not_sure(ctx: Context, read: Question, matches: list[Match]) -> Found:
    ctx.conversation.put(question=read.text[:2000])
    buttons = [Button(_short(ctx.text_of(m.entry.title)), f"qa:{m.entry.key}") for m in matches]
    if may_use(ctx.account.role, "staff"):  # the office does not forward to itself
        text = ctx._(
            "I am not sure I can answer that from the directive. Is it about one of these "
            "topics? /status, /pending and /help show what the office can see."
        )
        return Found(Reply(text, buttons=tuple(buttons)), sure=False)
    if ctx.account.unit_id is None:  # the office answers the units' people, by name
        text = ctx._(
            "I am not sure I can answer that from the directive. Is it about one of these "
            "topics? Once this chat is linked to your unit (send the invite code), I can "
            "pass questions on to the emulation office."
        )
        return Found(Reply(text, buttons=tuple(buttons)), sure=False)
    buttons.append(Button(ctx._("Ask the emulation office"), "qa:forward"))
    text = ctx._(
        "I am not sure I can answer that from the directive. Is it about one of these "
        "topics? Or I can pass your question on to the emulation office."
    )
    return Found(Reply(text, buttons=tuple(buttons)), sure=False)


def _joined(ctx: Context, pieces: list[str], found: list[Found]) -> Reply:
    """Each part's answer under its own words; the parts not answered are named."""
    texts = [f.reply.text for f in found if f.sure]
    for n, text in enumerate(texts[:-1]):  # a source line the next part has too: said once
        body, _, source = text.rpartition("\n\n")
        if body and any(t.endswith(f"\n\n{source}") for t in texts[n + 1 :]):
            texts[n] = body
    parts = [p for p, f in zip(pieces, found, strict=True) if f.sure]
    answered = [f"«{p}»\n{t}" for p, t in zip(parts, texts, strict=True)]
    missing = [f"«{p}»" for p, f in zip(pieces, found, strict=True) if not (f.sure or f.outside)]
    outside = [f"«{p}»" for p, f in zip(pieces, found, strict=True) if f.outside]
    text = "\n\n".join(answered)
    if missing:
        text += "\n\n" + ctx._(
            "I could not answer {parts} from the directive: please ask it on its own, in "
            "other words, or send it to the emulation office."
        ).format(parts=", ".join(missing))
    if outside:  # "…, và giá vàng hôm nay bao nhiêu?": nothing the office would answer either
        text += "\n\n" + ctx._(
            "{parts} seems to be outside what I can help with: I answer questions about the "
            "emulation movement."
        ).format(parts=", ".join(outside))
    return Reply(text)


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


@router.action("qa")
async def on_button(msg: Incoming, ctx: Context) -> list[Reply]:
    """A topic from a "not sure" answer, or the office's buttons (forward, reply, add to FAQ)."""
    key = (msg.payload or "").removeprefix("qa:")
    verb, _, number = key.partition(":")
    if key == "forward":
        return await handoff.forward(ctx)
    if verb in ("reply", "faq") and (asked := whole_number(number)) is not None:
        return await (handoff.start_reply if verb == "reply" else handoff.add_to_faq)(ctx, asked)
    question = str(ctx.conversation.data.get("question", ""))
    if key == "here" and question:  # "yes, about this directive": its year, not the one asked
        year = str(ctx.campaign.scope.year or "")
        question = OTHER_YEAR.sub(year, question) if year else question
        ctx.conversation.put(here=question)
        return await answer(ctx, question)
    knowledge = await ctx.knowledge.current(ctx.db, ctx.now())
    if (entry := knowledge.entry(key)) is None:
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    read = knowledge.read(question)
    if read.language != ctx.locale:
        ctx = ctx.speaking(read.language)
    return [cite(ctx, entry, knowledge.quote(entry, read))]
