"""Benchmark: accuracy on the question set and answer latency through the real dispatcher.

    python bench/qa.py

Prints JSON: the share of questions whose answer holds the expected fact, confident answers to
off-topic questions (must be 0), and p50/p99 latency of one answer on SQLite.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# bench/telegram.py is named like the library: this folder must not shadow it.
sys.path[:] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "handlers")] + [
    p for p in sys.path if Path(p or ".").resolve() != HERE
]

from harness import Bot, Clock, make_settings  # noqa: E402
from qa_questions import ENGLISH, OFF_TOPIC, VIETNAMESE  # noqa: E402

from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

NOT_SURE = "Tôi chưa chắc có thể trả lời"


async def main() -> dict[str, object]:
    url = f"sqlite:///{tempfile.mkdtemp(prefix='thidua-qa-')}/qa.db"
    db = Database(url)
    await upgrade(db)
    await db.dispose()
    bot = Bot(make_settings(url), Clock())
    await bot.start()
    timings: list[float] = []
    misses: list[str] = []
    try:
        leader = bot.person(direct=True)
        await leader.say(await bot.invite("QUESON"))
        await leader.say("/dangky")
        await leader.say("1")
        await leader.say("/huy")
        english = bot.person(direct=True, locale="en")
        for person, cases in ((leader, VIETNAMESE), (english, ENGLISH)):
            for question, fact in cases:
                started = time.perf_counter()
                await person.say(question)
                timings.append(time.perf_counter() - started)
                if fact not in person.text:
                    misses.append(question)
        confident = 0
        for question in OFF_TOPIC:
            started = time.perf_counter()
            await leader.say(question)
            timings.append(time.perf_counter() - started)
            confident += NOT_SURE not in leader.text
    finally:
        await bot.stop()
    asked = len(VIETNAMESE) + len(ENGLISH)
    cuts = statistics.quantiles(timings, n=100)
    return {
        "benchmark": "questions about the directive",
        "questions": asked,
        "answered_with_the_fact": asked - len(misses),
        "accuracy": round(1 - len(misses) / asked, 3),
        "missed": misses,
        "off_topic": len(OFF_TOPIC),
        "off_topic_answered_confidently": confident,
        "latency_ms": {"p50": round(cuts[49] * 1000, 2), "p99": round(cuts[98] * 1000, 2)},
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main()), ensure_ascii=False, indent=2))
