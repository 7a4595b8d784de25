"""Benchmark: how well questions are answered, on a development set and a held-out set.

    python bench/qa.py [--show-misses]   (the development set's misses, on stderr)

The development set (tests/handlers/qa_questions.py and bench/qa_dev*.yaml) is the one the
retrieval is tuned on. The held-out set (bench/qa_heldout.yaml) was written before any tuning,
without sight of the FAQ, and is only ever measured here. Every question is asked by a linked
leader of UBND huyện Quế Sơn with a draft pledge, through the real dispatcher on SQLite, in
Vietnamese chat settings (English questions included: the bot must notice them).

Prints JSON with keys `dev` and `heldout`, each with `accuracy` (every expected fact in the
answer; for an English question also an answer in English), `off_topic_answered_confidently`
(an off-topic question answered with a source line: must be 0), `failed` (answers that are
the apology for an error: each is also a miss), both by class, and the
latency of one of its answers through the dispatcher on SQLite (`latency_ms`); then the
latency of all answers (`latency_ms`), and of reading and searching alone
(`reading_and_search_ms`), p50 and p99. The held-out set is timed over five passes, its
accuracy taken from the first: with 100 answers, one pass's p99 is its slowest answer but one,
which a single pause of the machine decides (`latency_first_pass_ms` is that pass alone).
Before each further pass the caches keyed by a whole text are emptied, so each pass reads its
questions afresh.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# bench/telegram.py is named like the library: this folder must not shadow it.
sys.path[:] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "handlers")] + [
    p for p in sys.path if Path(p or ".").resolve() != HERE
]

from harness import Bot, Chat, Clock, make_settings  # noqa: E402
from qa_questions import ENGLISH, OFF_TOPIC, VIETNAMESE  # noqa: E402

from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

SOURCE_LINES = ("Nguồn:", "Source:")  # a confident answer names its source
FAILED = ("hệ thống gặp sự cố", "something went wrong on our side")  # the handler raised
PASSES = 5  # the held-out set is timed over five passes: 500 answers give a p99
DEVELOPMENT = (
    "qa_dev.yaml",
    "qa_dev2.yaml",
    "qa_dev3.yaml",
    "qa_dev4.yaml",
    "qa_dev5.yaml",
    "qa_check6.yaml",  # measured once untuned (85%, 3 off-topic answered), then tuned on
    "qa_dev7.yaml",  # written blind; measured once untuned (94%, 4 off-topic answered)
    "qa_dev8.yaml",  # written blind; measured once before tuning on it (84%, 7 off-topic)
    "qa_dev9.yaml",  # written blind; measured once before tuning on it (90%, 3 off-topic)
    "qa_dev10.yaml",  # written blind; measured once before tuning on it (90%, 3 off-topic)
    "qa_dev11.yaml",  # written blind; measured once before tuning on it (90%, 2 off-topic)
    "qa_dev12.yaml",  # written blind; measured once before tuning on it (91%, 2 off-topic)
    "qa_dev13.yaml",  # written blind, English-heavy; measured once untuned (91%, 1 off-topic)
    "qa_dev14.yaml",  # written blind; measured once before tuning on it (89%, 5 off-topic)
    "qa_dev15.yaml",  # written blind, English-heavy; measured once untuned (79%, 3 off-topic)
    "qa_dev16.yaml",  # written blind; measured once before tuning on it (88%, 2 off-topic)
    "qa_dev17.yaml",  # written blind, hard paraphrase; measured once untuned (86%, 5 off-topic)
    "qa_dev18.yaml",  # written blind; measured once before tuning on it (95%, 1 off-topic)
    "qa_dev19.yaml",  # written blind, synonyms and English; measured once untuned (86%, 1)
    "qa_dev20.yaml",  # written blind, half diacritics; measured once untuned (96%, 2 off-topic)
    "qa_dev21.yaml",  # written blind, short and bare; measured once untuned (91%, 5 off-topic)
    "qa_dev22.yaml",  # written blind, 60 off-topic; measured once untuned (90%, 9 off-topic)
    "qa_dev23.yaml",  # written blind; measured once before tuning on it (95%, 0 off-topic)
    "qa_dev24.yaml",  # written blind; measured once before tuning on it (88%, 0 off-topic)
    "qa_dev25.yaml",  # written blind, regional words; measured once untuned (94%, 1 off-topic)
    "qa_dev26.yaml",  # written blind; measured once before tuning on it (95%, 1 off-topic)
    "qa_dev27.yaml",  # written blind to the issue's own wording; untuned (97%, 1 off-topic)
    "qa_dev28.yaml",  # written blind, as typed on phones; measured once untuned (94%, 0)
    "qa_dev29.yaml",  # written blind, least-asked parts; measured once untuned (86%, 3)
    "qa_dev30.yaml",  # written blind, wordy with context first; measured once untuned (83%, 1)
    "qa_dev31.yaml",  # written blind, the first questions asked; measured once untuned (92%, 0)
    "qa_dev32.yaml",  # written blind, bare typing run together; measured once untuned (88%, 3)
    "qa_dev33.yaml",  # written blind, all paraphrased; measured once untuned (75%, 1)
    "qa_dev34.yaml",  # written blind, the held-out set's mix; measured once untuned (95%, 2)
    "qa_dev35.yaml",  # written blind, wrong premises; measured once untuned (81%, 3)
    "qa_dev36.yaml",  # written blind, the held-out set's mix; measured once untuned (94%, 1)
    "qa_dev37.yaml",  # written blind, formal and wordy; measured once untuned (70%, 0)
    "qa_dev38.yaml",  # written blind, a new leader's first days; measured once untuned (94%, 0)
    "qa_dev39.yaml",  # written blind, duties and near-miss off-topic; untuned (85%, 3)
    "qa_dev40.yaml",  # written blind, fast phone typing; measured once untuned (88%, 0)
    "qa_dev41.yaml",  # written blind, follow-ups and two-part; measured once untuned (93%, 0)
    "qa_dev42.yaml",  # written blind, departments and adversarial; untuned (93%, 1)
    "qa_dev43.yaml",  # written blind, older officials and dialect; untuned (89%, 0)
    "qa_dev44.yaml",  # written blind, a clerk's briefing; measured once untuned (91%, 1)
    "qa_dev45.yaml",  # written blind, yes-no checks of premises; untuned (83%, 3)
    "qa_dev46.yaml",  # written blind, a week of messages; measured once untuned (98%, 1)
    "qa_dev47.yaml",  # written blind, phrases quoted, non-native English; untuned (89%, 1)
    "qa_dev48.yaml",  # written blind, a week's inbox; measured once untuned (88%, 4)
    "qa_dev49.yaml",  # written blind, hard paraphrase; measured once untuned (63%, 1)
    "qa_dev50.yaml",  # written blind, own deadlines and status; untuned (87%, 2)
    "qa_dev51.yaml",  # written blind, each failure class probed; untuned (90%, 2)
    "qa_dev52.yaml",  # written blind, many askers, every sentence; untuned (92%, 0)
    "qa_dev53.yaml",  # written blind, hard negatives and look-alikes; untuned (96%, 1)
    "qa_dev54.yaml",  # written blind, a training day's questions; untuned (94%, 0)
    "qa_dev55.yaml",  # written blind, vague and compound; measured once untuned (90%, 0)
    "qa_dev56.yaml",  # written blind, bare typing and partners' English; untuned (91%, 0)
    "qa_dev57.yaml",  # written blind, phone shorthand; measured once untuned (92%, 1)
    "qa_dev58.yaml",  # written blind, careful full diacritics; untuned (96%, 0)
    "qa_dev59.yaml",  # written blind, a skeptical reviewer's probes; untuned (95%, 1)
    "qa_dev60.yaml",  # written blind, a joint briefing, English-heavy; untuned (92%, 0)
    "qa_dev61.yaml",  # written blind, a district office's own plan; untuned (95%, 0)
    "qa_dev62.yaml",  # written blind, voice-typed on a phone; measured once untuned (78%, 3)
    "qa_dev63.yaml",  # written blind, half-remembered details, duties; untuned (86%, 1)
    "qa_dev64.yaml",  # written blind, very short hurried messages; untuned (93%, 1)
    "qa_dev65.yaml",  # written blind, each body's duties, look-alikes; untuned (82%, 1)
    "qa_dev66.yaml",  # written blind, 40 hard negatives, look-alikes; untuned (91%, 4)
    "qa_dev67.yaml",  # written blind, first contact, many leaders; untuned (86%, 1)
    "qa_dev68.yaml",  # written blind, everyday paraphrase; untuned (88%, 1 off-topic)
    "qa_dev69.yaml",  # written blind, cunning off-topic; untuned (88%, 0 off-topic)
    "qa_dev70.yaml",  # written blind, precise details; untuned (92%, 2 off-topic)
    "qa_dev71.yaml",  # written blind, a trainer's paraphrases; untuned (93%, 1 off-topic)
    "qa_dev72.yaml",  # written blind, a Monday morning's messages; untuned (91%, 1 off-topic)
    "qa_dev73.yaml",  # written blind, 100 off-topic and adversarial; untuned (83%, 17)
    "qa_dev74.yaml",  # written blind, 100 off-topic, second round; untuned (87%, 13)
    "qa_dev75.yaml",  # written blind, formal letters and fast typing; untuned (94%, 0)
    "qa_dev76.yaml",  # written blind, a clerk writing the unit's plan; untuned (89%, 0)
    "qa_dev77.yaml",  # written blind, the first week's messages; untuned (89%, 0)
    "qa_dev78.yaml",  # written blind, half-remembered, bodies described; untuned (91%, 1)
    "qa_dev79.yaml",  # written blind, communes and schools, everyday words; untuned (87%, 1)
    "qa_dev80.yaml",  # written blind, a reviewer's pairs of easy and hard; untuned (87%, 1)
    "qa_dev81.yaml",  # written blind, a meeting's group chat in a hurry; untuned (95%, 0)
    "qa_dev82.yaml",  # written blind, 100 off-topic in the directive's words; untuned (89%, 11)
    "qa_dev83.yaml",  # written blind, a new district leader's first month; untuned (91%, 1)
    "qa_dev84.yaml",  # written blind, 100 off-topic from a group chat's day; untuned (91%, 9)
    "qa_dev85.yaml",  # written blind, a commune and a department in a meeting; untuned (89%, 3)
    "qa_dev86.yaml",  # written blind, twins answerable and not; untuned (89%, 5)
    "qa_dev87.yaml",  # written blind, 100 off-topic of the four kinds; untuned (87%, 13)
    "qa_dev88.yaml",  # written blind, an inspector before going live; untuned (88%, 0)
    "qa_dev89.yaml",  # written blind, 100 short off-topic lines; untuned (93%, 7)
    "qa_dev90.yaml",  # written blind, same words in other worlds; untuned (73%, 27 as written)
    "qa_dev91.yaml",  # written blind, older officials and their assistants; untuned (91%, 0)
    "qa_dev92.yaml",  # written blind, 100 off-topic from a red-team tester; untuned (91%, 9)
    "qa_dev93.yaml",  # written blind, a deputy director, a clerk, an interpreter; untuned (91%, 1)
    "qa_dev94.yaml",  # written blind, 100 off-topic in English from partners; untuned (95%, 5)
    "qa_dev95.yaml",  # written blind, 100 off-topic from a retiree, an intern; untuned (95%, 5)
    "qa_dev96.yaml",  # written blind, 100 off-topic from an office day; untuned (90%, 10)
    "qa_dev97.yaml",  # written blind, leaders of mountain districts; untuned (91%, 1)
    "qa_dev98.yaml",  # written blind, 100 off-topic as held-out authors would; untuned (97%, 3)
    "qa_dev99.yaml",  # written blind, 100 off-topic by five voices; untuned (96%, 4)
    "qa_dev100.yaml",  # written blind, 100 formal and journalistic off-topic; untuned (95%, 5)
    "qa_dev101.yaml",  # written blind, 100 short casual off-topic lines; untuned (83%, 17)
    "qa_dev102.yaml",  # written blind, 100 off-topic from a week of odd messages; untuned (94%, 6)
    "qa_dev103.yaml",  # written blind, the last week before the deadline; untuned (90%, 0)
    "qa_dev104.yaml",  # written blind, 100 off-topic from a group chat's week; untuned (92%, 8)
    "qa_dev105.yaml",  # written blind, 100 off-topic, the same words in other worlds; (100%, 0)
    "qa_dev106.yaml",  # written blind, 100 off-topic from an independent tester; untuned (96%, 4)
    # measured untuned before the off-topic check, then with it learned without them
    "qa_dev107.yaml",  # written blind, 100 near misses from a QA engineer; untuned (88%, 12; 10)
    "qa_dev108.yaml",  # written blind, 100 off-topic typed fast on a phone; untuned (93%, 7; 6)
    "qa_dev109.yaml",  # written blind, 100 off-topic wrapped in on-topic words; (97%, 3; 0)
    # measured untuned with the off-topic check
    "qa_dev110.yaml",  # written blind, 100 off-topic as held-out authors would; untuned (100%, 0)
    "qa_dev111.yaml",  # written blind, 100 off-topic from the months after the deadline; (99%, 1)
    "qa_dev112.yaml",  # written blind, leaders asking what they must do; untuned (93%, 0)
    "qa_dev113.yaml",  # written blind, on-topic that sounds off-topic; untuned (92%, 0)
    "qa_dev114.yaml",  # written blind, 100 near misses, second round; untuned (95%, 5)
    "qa_dev115.yaml",  # written blind, 100 off-topic as held-out authors would; (98%, 2)
    "qa_dev116.yaml",  # written blind, a held-out-like mix; untuned (87%, 0)
    "qa_dev117.yaml",  # written blind, an inspector before going live; untuned (97%, 0)
    "qa_dev118.yaml",  # written blind, 40 off-topic of 60, typed bare; untuned (95%, 1)
    "qa_dev119.yaml",  # written blind, 40 tricks of 60; untuned (90%, 0)
    "qa_dev120.yaml",  # written blind, 40 off-topic of 60, formal and English; untuned (87%, 1)
    "qa_dev121.yaml",  # written blind, 40 of 60 in the directive's words; untuned (90%, 1)
    "qa_dev122.yaml",  # written blind, 40 other years and places of 60; untuned (87%, 2)
    "qa_dev123.yaml",  # written blind, 40 injections of 60; untuned (92%, 1)
    "qa_dev124.yaml",  # written blind, an evaluator's even mix; untuned (92%, 1)
    "qa_dev125.yaml",  # written blind, short and bare, 40 off-topic; untuned (90%, 2)
    "qa_dev126.yaml",  # written blind, two thirds English; untuned (85%, 0)
    "qa_dev127.yaml",  # written blind, 40 near the movement of 60; untuned (88%, 1)
    "qa_dev128.yaml",  # written blind, 40 hardest cases of 60; untuned (87%, 1)
    "qa_dev129.yaml",  # written blind, a busy group chat, other documents; untuned (88%, 3)
    "qa_dev130.yaml",  # written blind, a tester's blunt questions; untuned (93%, 2)
    "qa_dev131.yaml",  # written blind, injections, other years and places; untuned (92%, 1)
    "qa_dev132.yaml",  # written blind, other subjects' reports, plans, events; untuned (88%, 5)
    "qa_dev133.yaml",  # written blind, mostly English, partners and officials; untuned (93%, 0)
    "qa_dev134.yaml",  # written blind, one to seven words, typed bare; untuned (95%, 1)
    "qa_dev135.yaml",  # written blind, the laws on emulation beside it; untuned (98%, 1)
    "qa_dev136.yaml",  # written blind, a new official asking everything; untuned (85%, 1)
    "qa_dev137.yaml",  # written blind, the directive quoted back, moved; untuned (97%, 1)
    "qa_dev138.yaml",  # written blind, dictated by voice; untuned (92%, 0)
    "qa_dev139.yaml",  # written blind, documents that look like this one; untuned (97%, 1)
    "qa_dev140.yaml",  # written blind, senior officials, long and polite; untuned (92%, 1)
    "qa_dev141.yaml",  # written blind, other years', places' and national papers; untuned (92%, 1)
    "qa_dev142.yaml",  # written blind, injections and fake orders; untuned (93%, 2)
    "qa_dev143.yaml",  # written blind, an official's daily life in the chat; untuned (93%, 1)
    "qa_dev144.yaml",  # written blind, short and bare, other years and places; untuned (92%, 1)
    "qa_dev145.yaml",  # written blind, a journalist's and a partner's English; untuned (97%, 0)
    "qa_dev146.yaml",  # written blind, what the directive points to, unsaid; untuned (92%, 4)
)


@dataclass(frozen=True)
class Case:
    kind: str  # diacritics, plain, abbreviated, english, two_part, vague, off_topic
    ask: str
    facts: tuple[tuple[str, ...], ...] = ()  # each fact: alternatives, one must be there
    not_sure: bool = False  # the right answer is no confident answer


def from_yaml(path: Path) -> list[Case]:
    cases = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        facts = tuple(tuple(str(a) for a in fact) for fact in item.get("facts") or ())
        unsure = item.get("expect") == "not_sure"
        cases.append(Case(item["class"], str(item["ask"]), facts, unsure))
    return cases


def development_sets() -> list[tuple[str, list[Case]]]:
    """The first question set (written with the FAQ), then each development file, by name."""
    first = [
        Case("plain" if question.isascii() else "diacritics", question, ((fact,),))
        for question, fact in VIETNAMESE
    ]
    first += [Case("english", question, ((fact,),)) for question, fact in ENGLISH]
    first += [Case("off_topic", question, not_sure=True) for question in OFF_TOPIC]
    return [("first", first)] + [(name, from_yaml(HERE / name)) for name in DEVELOPMENT]


def development() -> list[Case]:
    return [case for _, cases in development_sets() for case in cases]


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()  # "5:00\u202fPM" is "5:00 PM"


def confident(answer: str) -> bool:
    return any(line in answer for line in SOURCE_LINES)


def failed(answer: str) -> bool:
    return any(apology in answer for apology in FAILED)


def judge(case: Case, answer: str) -> bool:
    if failed(answer):  # a crash is never a right answer
        return False
    if case.not_sure:
        return not confident(answer)
    said = fold(answer)
    if not all(any(fold(alt) in said for alt in fact) for fact in case.facts):
        return False
    return case.kind != "english" or "Nguồn:" not in answer  # answered in English


async def ask_all(
    leader: Chat, cases: list[Case], timings: list[float], *, show: bool
) -> list[bool]:
    answers = []
    for case in cases:
        started = time.perf_counter()
        await leader.say(case.ask)
        timings.append(time.perf_counter() - started)
        answers.append(leader.text)
        if show and not judge(case, leader.text):
            print(f"MISS [{case.kind}] {case.ask!r}\n   -> {leader.text[:300]!r}", file=sys.stderr)
    return answers


def figures(cases: list[Case], answers: list[str]) -> dict[str, Any]:
    verdicts = [judge(case, answer) for case, answer in zip(cases, answers, strict=True)]
    by_class: dict[str, list[bool]] = defaultdict(list)
    for case, right in zip(cases, verdicts, strict=True):
        by_class[case.kind].append(right)
    return {
        "questions": len(cases),
        "accuracy": round(sum(verdicts) / len(cases), 3),
        "off_topic_answered_confidently": sum(
            confident(answer)
            for case, answer in zip(cases, answers, strict=True)
            if case.kind == "off_topic"
        ),
        "failed": sum(failed(answer) for answer in answers),
        "by_class": {
            kind: {"questions": len(rights), "accuracy": round(sum(rights) / len(rights), 3)}
            for kind, rights in sorted(by_class.items())
        },
    }


async def main() -> dict[str, object]:
    url = f"sqlite:///{tempfile.mkdtemp(prefix='thidua-qa-')}/qa.db"
    db = Database(url)
    await upgrade(db)
    await db.dispose()
    bot = Bot(make_settings(url), Clock())
    await bot.start()
    timings: list[float] = []
    sets = {"dev": development(), "heldout": from_yaml(HERE / "qa_heldout.yaml")}
    results: dict[str, object] = {"benchmark": "questions about the directive"}
    try:
        leader = bot.person(direct=True)
        await leader.say(await bot.invite("QUESON"))
        await leader.say("/dangky")
        await leader.say("1")
        await leader.say("/huy")
        for name, cases in sets.items():  # the held-out set's misses are never shown
            show = name == "dev" and "--show-misses" in sys.argv
            mine: list[float] = []
            results[name] = figures(cases, await ask_all(leader, cases, mine, show=show))
            if name == "heldout":  # 100 answers: a p99 of one pass is its slowest but one
                results[name]["latency_first_pass_ms"] = percentiles(mine)
                for _ in range(PASSES - 1):
                    forget_texts()  # each pass reads its questions afresh
                    await ask_all(leader, cases, mine, show=False)
                results[name]["latency_passes"] = PASSES
            results[name]["latency_ms"] = percentiles(mine)
            timings += mine
    finally:
        await bot.stop()
    results["latency_ms"] = percentiles(timings)
    results["reading_and_search_ms"] = searching([c for cases in sets.values() for c in cases])
    return results


def forget_texts() -> None:
    """Empty the caches keyed by a whole text, so a question asked again is read afresh."""
    from handlers import clauses, quoting, reading, text

    for cached in (
        reading._syllables,
        reading.syllables_of,
        reading.language,
        text._folded,
        quoting._words_of,
        clauses._told,
    ):
        cached.cache_clear()


def percentiles(timings: list[float]) -> dict[str, float]:
    """p50 and p99 of one answer through the dispatcher, in milliseconds."""
    cuts = statistics.quantiles(timings, n=100)
    return {"p50": round(cuts[49] * 1000, 2), "p99": round(cuts[98] * 1000, 2)}


def searching(cases: list[Case]) -> dict[str, float]:
    """The question's own cost, without the dispatcher's database work: reading it, splitting
    it into parts, searching the knowledge base and quoting the answer, p50 and p99."""
    from handlers.campaign import load_campaign
    from handlers.clauses import parts
    from handlers.knowledge import Knowledge

    knowledge = Knowledge.build(load_campaign(ROOT / "campaigns" / "quang-nam-2024.yaml"))
    timings = []
    for case in cases * 5:
        started = time.perf_counter()
        read = knowledge.read(case.ask)
        knowledge.on_topic(read, knowledge.search(read))
        parts(case.ask)
        timings.append(time.perf_counter() - started)
    cuts = statistics.quantiles(timings, n=100)
    return {"p50": round(cuts[49] * 1000, 3), "p99": round(cuts[98] * 1000, 3)}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main()), ensure_ascii=False, indent=2))
