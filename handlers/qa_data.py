"""Questions answered from the campaign's own data: its deadlines ("hạn chót đăng ký?") and the
asker's unit ("đơn vị tôi đã đăng ký chưa?"). The words that ask them are data, in
locales/reading.yaml (`asking`) and the campaign file (each deadline's `words`)."""

from __future__ import annotations

import functools
import re
from datetime import datetime

from babel.dates import format_date, format_time

from handlers import clauses, naming, reading
from handlers.campaign import Campaign, DeadlineSpec
from handlers.entries import Entry, Question
from handlers.invites import ROLE_NAMES
from handlers.named_units import only_own, other_unit, own_code
from handlers.phrases import says_any
from handlers.pledge_view import is_empty, is_locked, not_linked_reply, status_line
from handlers.review.questions import opens_at, progress
from handlers.types import Context, Reply
from storage import pledges, reviews
from storage.campaigns import get_unit

# a brief question naming a deadline with these asks for its date: "báo cáo cuối năm?", "còn
# cái báo cáo giữa năm?", "what about the year-end one?"
BRIEF_WHEN = (" bao cao ", " report ", " con ", " what about ", " how about ")


@functools.cache
def asking() -> dict[str, tuple[str, ...]]:
    table = reading.tables().asking
    return {key: tuple(f for w in words for f in forms(w)) for key, words in table.items()}


@functools.cache
def asking_words() -> frozenset[str]:
    """The words asking for a deadline or a time ("hạn chót", "khi nào"): not a subject."""
    return frozenset(w for key in ("deadline", "when") for p in asking()[key] for w in p.split())


def only_when(question: Question) -> bool:
    """A message that only asks when ("mấy giờ?", "khi nào vậy?"): the campaign's dates, which
    are what a leader most often asks for in passing."""
    said, words = question.said, asking()
    bare = set(question.words) - asking_words() - reading.tables().function_words
    return len(question.words) <= 4 and _has(said, words["when"]) and not bare


def asks_today(question: Question) -> bool:
    """A question asking what day it is today ("hôm nay ngày mấy rồi ad?")."""
    said, words = question.said, asking()
    today, deadline = _has(said, words["today_when"]), _has(said, words["deadline"])
    if deadline and not today:  # "hạn nộp … quý này là ngày mấy": a deadline's day
        return False
    # "hôm nay nộp thì hạn chót ngày mấy": the deadline's day, asked on the day
    return (
        _has(said, words["today"])
        or _has(said, words["now"])
        or (today and _has(said, words["today_day"]) and not deadline)
    )


def today(ctx: Context, question: Question) -> Reply:
    """Today's date (and the time, when asked "mấy giờ rồi"), and the campaign's next deadline
    with the days left to it. The date is the bot's clock, not the campaign's calendar: no
    source line."""
    now = ctx.now()
    local = now.astimezone(ctx.timezone)
    weekday = format_date(local, "EEEE", locale=ctx.locale)  # "thứ Sáu" in a sentence, "Friday"
    weekday = weekday[:1].lower() + weekday[1:] if ctx.locale == "vi" else weekday
    day = ctx.day(local.date())
    if _has(question.said, asking()["now"]):
        time = format_time(local, "short", locale=ctx.locale)
        lines = [
            ctx._("It is {time}, {weekday}, {day}.").format(time=time, weekday=weekday, day=day)
        ]
    else:
        lines = [ctx._("Today is {weekday}, {day}.").format(weekday=weekday, day=day)]
    coming = [d for d in ctx.campaign.deadlines if ctx.campaign.due_at(d) > now]
    if coming:
        lines.append(deadline_line(ctx, min(coming, key=ctx.campaign.due_at), now))
    return Reply("\n".join(lines))


@functools.lru_cache(maxsize=4096)
def forms(words: str) -> tuple[str, ...]:
    """A phrase as a Vietnamese question reads it and as an English one does ("submitted"
    is stemmed there), each with a space at both ends."""
    return tuple({f" {' '.join(reading.syllables(words, lang))} " for lang in ("vi", "en")})


def _has(said: str, phrases: tuple[str, ...]) -> bool:
    return says_any(said, phrases)


def named(question: Question, campaign: Campaign) -> list[DeadlineSpec]:
    """The deadlines a question names by their words ("sơ kết" names the mid-year review)."""
    said = question.said
    return [d for d in campaign.deadlines if _has(said, forms_of(tuple(d.words)))]


@functools.lru_cache(maxsize=64)
def forms_of(words: tuple[str, ...]) -> tuple[str, ...]:
    """Each of the phrases as a Vietnamese and as an English question reads it."""
    return tuple(f for w in words for f in forms(w))


def asks_status(question: Question, campaign: Campaign) -> bool:
    said, words = question.said, asking()
    if _has(said, words["status"]) or said in words["own_alone"]:  # "phiếu của tôi?"
        return True
    if not any(d.completion != "nothing" for d in named(question, campaign)):
        return False
    if any(f"{w}hay " in said for w in words["not_yet"]):
        return True  # "… nộp chưa hay vẫn đang làm?"
    each = clauses.clauses_said(question.text)  # "… nộp chưa nhỉ, kiểm tra giúp em"
    whole = f" {' '.join(' '.join(each).split())} "  # "… nộp rồi, đúng không?"
    return any(_ends_asking(clause) for clause in [*each, whole])


def _ends_asking(said: str) -> bool:
    """Whether words end as a question about progress does ("… chưa anh?", "… rồi hả")."""
    while not any(said.endswith(w) for w in asking()["not_yet"]):
        if (trimmed := _without_particle(said)) == said:
            return False
        said = trimmed
    return True


def _without_particle(said: str) -> str:
    for particle in asking()["particles"]:
        if said.endswith(particle) and len(said) > len(particle):
            return said[: -len(particle)] + " "
    return said


def asks_link(question: Question) -> bool:
    """Whether a question asks which unit the chat is linked to ("mình là đơn vị nào")."""
    return _has(question.said, asking()["linked"])


def asks_own(question: Question, campaign: Campaign) -> bool:
    """Whether a question asks what the campaign's data holds for the asker: a deadline, the
    unit's progress, its group, the chat's link, or today's date."""
    return (
        asks_when(question, campaign)
        or asks_status(question, campaign)
        or asks_link(question)
        or asks_today(question)
        or _has(question.said, asking()["group"])
    )


def asks_command(question: Question) -> bool:
    """Whether a question asks which command does something ("muốn xem trạng thái thì gõ
    gì?"): how to do it, not the unit's status itself."""
    return _has(question.said, asking()["command"])


def counts_as_said(text: str, entry: Entry) -> bool:
    """Whether an entry counts each thing a question counts ("có 14 điều", "10 chỉ tiêu"): one
    that never counts it cannot settle the figure."""
    said = f" {' '.join(reading.syllables_of(text))} "
    counted = [thing for thing in asking()["counted"] if re.search(rf" \d+{thing}", said)]
    if not counted:
        return True
    words = reading.syllables_of(" ".join([entry.text, entry.english or ""]))
    told = f" {' '.join(words)} "
    return all(re.search(rf" \d+{thing}", told) for thing in counted)


def asks_to_see(question: Question) -> bool:
    """Whether a question asks to see the pledge's state ("xem tình trạng"), not to go on."""
    return _has(question.said, asking()["seeing"])


def past_deadline(question: Question) -> bool:
    """Whether a question sets the circumstance of a missed deadline ("quá hạn rồi thì sao")."""
    return _has(question.said, asking()["past"])


def names_deadline(question: Question) -> bool:
    """Whether a question says "hạn", "deadline", "chậm nhất" in so many words."""
    return _has(question.said, asking()["deadline"])


def personal(question: Question) -> bool:
    """Whether a question is about a person's own papers ("đăng ký xe máy", "kết hôn")."""
    said = question.said  # "sơ đồ", not "Mấy sở đó"
    return any(p in said and reading.as_typed(p, question.text) for p in asking()["personal"])


_OTHER_ASKING = frozenset({"which", "what", "who", "how", "where", "why"})


def asks_when(question: Question, campaign: Campaign) -> bool:
    said, words = question.said, asking()
    # "Which titles can we choose when we register?": "when" joins a clause, it asks nothing
    opening = question.words[0] if question.language == "en" and question.words else ""
    joined = opening in _OTHER_ASKING and " when " in said
    if joined and not _has(said, words["deadline"]):
        return False
    if _has(said, words["other"]) and not _has(said, words["until"]):
        return False  # "quá hạn rồi còn đăng ký được không?" is about a locked pledge, but
        # "sửa được đến khi nào" asks for the deadline
    reported = named(question, campaign) or _has(said, (" bao cao ", " report "))
    if len(question.words) <= 5 and reported and said.endswith(" sao "):
        return True  # "tổng kết thì sao", "mấy cái báo cáo thì sao": their dates most likely
    if _has(said, words["deadline"]):
        return True
    dues = [campaign.due_at(d) for d in named(question, campaign)]
    if dues and naming.own_dates(question.text, dues):  # "tổng kết … trước 15/11/2027 không?"
        return True  # a deadline checked by its own date: the date settles it
    brief = len(question.words) <= 6 and not _has(said, words["document_named"])
    if brief and named(question, campaign) and _has(said, BRIEF_WHEN):
        return True  # "báo cáo cuối năm?", "còn cái báo cáo giữa năm?": its date, most likely
    return (
        bool(named(question, campaign))
        and _has(said, words["when"])
        and not _has(said, words["how"])  # "đăng ký như thế nào, khi nào xong?"
        and not _has(said, words["document_named"])  # "chỉ thị ký ngày nào, cuối năm à?"
    )


async def answer_group(ctx: Context, question: Question) -> Reply | None:
    """The emulation group ("khối", "cụm") of the unit a question names, or of the asker's own
    ("Quế Sơn thuộc khối thi đua nào?"), from the campaign file; None when not asked."""
    said = question.said
    alone = len(question.words) <= 4 and any(said.endswith(p) for p in asking()["group_alone"])
    if not alone and not _has(said, asking()["group"]):
        return None
    named = other_unit(question.text, ctx.campaign, None)
    code = named.code if named is not None else await own_code(ctx)
    spec = next((u for u in ctx.campaign.units if u.code == code), None)
    if spec is None:
        return None  # no unit named, and a chat not linked: the other answers say what to do
    group = next(g for g in ctx.campaign.groups if g.key == spec.group)
    source = ctx._("Source: {source}").format(source=ctx._("the campaign's units and groups"))
    name = group.name
    if ctx.locale == "en" and group.english:  # "Cụm thi đua … đồng bằng (lowland districts …)"
        name = f"{name} ({group.english})"
    said = ctx._("{unit} is in {group}.").format(unit=spec.name, group=name)
    return Reply(f"{said}\n\n{source}")


async def own_link(ctx: Context) -> str:
    """The unit and role this chat is linked to, in a sentence, or how to link it."""
    role = ctx._(ROLE_NAMES[ctx.account.role])
    if ctx.account.unit_id is not None:
        unit = await get_unit(ctx.db, ctx.account.unit_id)
        named = f"{unit.name} ({unit.code})"  # the code the office's commands take
        return ctx._("This chat is linked to {unit}, as {role}.").format(unit=named, role=role)
    if ctx.account.role != "leader":
        return ctx._("This chat is not linked to a unit; its role is {role}.").format(role=role)
    return not_linked_reply(ctx).text


async def answer_other_unit(ctx: Context, question: Question) -> Reply | None:
    """What another unit itself pledged, planned or reached ("Sở Xây dựng đăng ký những danh
    hiệu gì?"), asked by a leader of a unit the directive gives no duty to: the office's to
    tell; None when not asked."""
    if ctx.account.role != "leader" or not _has(question.said, asking()["unit_data"]):
        return None
    if asks_when(question, ctx.campaign) and not asks_status(question, ctx.campaign):
        return None  # "when must Hội An register its pledge": every unit's date is the same
    own = await own_code(ctx)
    other = other_unit(question.text, ctx.campaign, own, untold=True)
    if other is None and not _has(question.said, asking()["others"]):  # "… của huyện khác"
        return None
    return only_own(ctx, other)


async def answer_of_named(ctx: Context, first: str, later: Question) -> Reply | None:
    """A later part asking how a unit stands or what it pledged, without naming one, after a
    first part naming another unit than the asker's ("Huyện Thăng Bình đăng ký chưa, đăng ký
    danh hiệu gì?"): asked of that unit, the office's to tell; None otherwise."""
    if ctx.account.role != "leader" or other_unit(later.text, ctx.campaign, None) is not None:
        return None
    if not (_has(later.said, asking()["unit_data"]) or asks_status(later, ctx.campaign)):
        return None
    other = other_unit(first, ctx.campaign, await own_code(ctx))
    return None if other is None else only_own(ctx, other)


async def answer_from_data(
    ctx: Context, question: Question, *, dates: bool = False, doubted: bool = False
) -> Reply | None:
    """The deadlines asked about, with the days left and, for a linked leader asking about
    registration, the unit's own pledge; None when the question is not about them. A leader
    asking how another unit stands is told that only its own unit is shown here: all a
    question gets that reads more like one about something else (`doubted`)."""
    status = asks_status(question, ctx.campaign)
    when = asks_when(question, ctx.campaign)
    leader = ctx.account.role == "leader"  # the office's people ask for the movement
    # "cho xem bản đăng ký của huyện Duy Xuyên": another unit's pledge, not its deadline
    pledged = leader and not (status or dates or when) and not question.checking
    pledged = pledged and _has(question.said, asking()["pledge_of"])
    if not (status or dates or when or pledged):  # `dates`: "mấy giờ?"
        return None
    asked = leader and (status or pledged)  # "Huyện Thăng Bình đã nộp chưa?": another unit's
    other = other_unit(question.text, ctx.campaign, await own_code(ctx)) if asked else None
    if pledged and other is None:
        return None  # "bản đăng ký của đơn vị mình …": the guide answers it
    others = asked and other is None and _has(question.said, asking()["others"])
    if other is not None or others:  # "… của huyện khác": units unnamed
        return only_own(ctx, other)
    if doubted:
        return None
    wanted = named(question, ctx.campaign) or [  # "hạn chót là 31/12 đúng không?"
        d
        for d in ctx.campaign.deadlines
        if naming.own_dates(question.text, [ctx.campaign.due_at(d)])
    ]
    if status and not wanted:
        wanted = [d for d in ctx.campaign.deadlines if d.key == "registration"]
    lines = [deadline_line(ctx, d, ctx.now()) for d in wanted or ctx.campaign.deadlines]
    registration = any(d.key == "registration" for d in wanted)
    reviewed = [d for d in wanted if d.report is not None]
    if leader and (registration or reviewed) and ctx.account.unit_id is not None:
        unit = await get_unit(ctx.db, ctx.account.unit_id)
        if registration:
            pledge = await pledges.find_pledge(ctx.db, unit.id, ctx.campaign.id)
            if pledge is None or is_empty(pledge):
                said = ctx._("Your unit has not started its pledge yet.")
            else:
                said = status_line(pledge, ctx)
            lines.append(f"{unit.name}. {said}")  # "UBND …. Trạng thái: bản nháp, …"
            if not is_locked(pledge, ctx.campaign, ctx.now()) and (
                pledge is None or pledge.status != "submitted"
            ):  # what to do next: "giờ làm gì tiếp với bản đăng ký?"
                started = pledge is not None and not is_empty(pledge)
                lines.append(
                    ctx._("Send /register to go on with the pledge where it stopped.")
                    if started
                    else ctx._("Next step: register your unit's emulation pledge with /register.")
                )
        for deadline in reviewed:
            lines.append(f"{unit.name}. {await report_line(ctx, deadline, unit.id)}")
    elif leader and status:  # "đơn vị tôi đăng ký chưa?" from a chat not linked yet
        lines.insert(0, not_linked_reply(ctx).text)
    return Reply("\n".join(lines) + "\n\n" + dates_source(ctx))


def dates_source(ctx: Context) -> str:
    """The source line of an answer from the campaign's dates."""
    return ctx._("Source: {source}").format(
        source=ctx._("the campaign's dates, set by the emulation office")
    )


async def report_line(ctx: Context, deadline: DeadlineSpec, unit_id: int) -> str:
    """Where the unit's report for a review stands, in a line."""
    report = await reviews.find_report(ctx.db, unit_id, ctx.campaign.id, deadline.key)
    label = ctx.text_of(deadline.label)
    if report is None and not await pledges.submitted(ctx.db, unit_id, ctx.campaign.id):
        return ctx._("{review}: your unit has no submitted pledge to report on.").format(
            review=label
        )
    if report is None or not report.fields:
        start = opens_at(ctx.campaign, deadline)
        if start is not None and ctx.now() < start:
            return ctx._("{review}: opens at {moment}.").format(
                review=label, moment=ctx.when(start)
            )
        return ctx._("{review}: not started yet; /report starts it.").format(review=label)
    if report.status == "submitted" and report.submitted_at is not None:
        return ctx._("{review}: submitted at {moment}.").format(
            review=label, moment=ctx.when(report.submitted_at)
        )
    assert deadline.report is not None  # only reviews with a form are asked about here
    done, total = progress(ctx.campaign, deadline.report, report.pledged, report.fields)
    said = ctx._("{review}: draft, {done}/{total} questions answered, not submitted.").format(
        review=label, done=done, total=total
    )
    if report.unlocked_until is not None and ctx.now() < report.unlocked_until:
        said += " " + ctx._("Reopened by the emulation office until {moment}.").format(
            moment=ctx.when(report.unlocked_until)
        )
    return said


def deadline_line(ctx: Context, deadline: DeadlineSpec, now: datetime) -> str:
    due = ctx.campaign.due_at(deadline)
    label = ctx.text_of(deadline.label)
    if due <= now:
        return ctx._("{label}: {moment} (passed).").format(label=label, moment=ctx.when(due))
    return ctx._("{label}: {moment} ({left} left).").format(
        label=label, moment=ctx.when(due), left=ctx.span(due - now)
    )
