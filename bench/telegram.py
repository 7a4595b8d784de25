"""Benchmark: 200 leaders register their whole pledge on Telegram at once; prints JSON.

A fake Bot API (tests/fakes/telegram_api.py) runs in this process and plays the leaders; the bot
runs as its own process in long-polling mode, as in production. Each leader sends an update,
waits for the bot's answer (a new message or an edit), then sends the next. The same updates
then go to a bare python-telegram-bot echo bot (bench/echo_bot.py) on the same fake, for scale.

    python bench/telegram.py [--leaders 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file is named like the library: its folder must not come first when telegram is imported.
sys.path[:] = [str(ROOT), str(ROOT / "tests")] + [
    p for p in sys.path if Path(p or ".").resolve() != HERE
]

from fakes.telegram_api import FakeTelegram  # noqa: E402

from bench.flow import free_port, open_campaign, prepare, submitted  # noqa: E402
from bench.scale import cpu_seconds, peak_rss_mb  # noqa: E402
from bot.settings import Settings  # noqa: E402

Step = tuple[str, str]  # ("say", text) or ("press", callback data)
FLOW: list[Step] = [
    ("press", "cmd:register"),
    ("press", "opt:tt_xuat_sac"),
    ("say", "3"),
    ("say", "25"),
    ("say", "1.200"),
    ("press", "opt:kien_toan"),
    ("press", "opt:chuyen_doi_so"),
    ("press", "done"),
    ("say", "Giải quyết 100% hồ sơ thủ tục hành chính đúng hạn"),
    ("say", "Trồng 5.000 cây xanh trong năm"),
    ("press", "done"),
    ("say", "Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024"),
    ("say", "Nguyễn Văn An"),
    ("say", "0905 123 456"),
    ("press", "confirm"),
]


class Leaders:
    """Simulated people: each waits for the bot's answer before its next update."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        self.waiting: dict[int, asyncio.Future[None]] = {}
        self.timings: list[float] = []
        fake.on_output = self._answered

    def _answered(self, chat_id: int) -> None:
        if (future := self.waiting.pop(chat_id, None)) is not None and not future.done():
            future.set_result(None)

    async def step(self, user_id: int, act: Callable[[], Awaitable[object]]) -> None:
        answered = asyncio.get_running_loop().create_future()
        self.waiting[user_id] = answered
        started = time.perf_counter()
        await act()
        await asyncio.wait_for(answered, timeout=60)
        self.timings.append(time.perf_counter() - started)

    async def run(self, user_id: int, steps: list[Step]) -> None:
        fake = self.fake
        for kind, value in steps:
            if kind == "say":
                await self.step(user_id, lambda v=value: fake.user_says(user_id, v, wait=False))
            else:
                sent = fake.sent(user_id)
                shown = ([m for m in sent if m.get("reply_markup")] or sent)[-1]["message_id"]
                await self.step(
                    user_id, lambda v=value, m=shown: fake.user_presses(user_id, v, message_id=m)
                )


async def measure(
    command: list[str], env: dict[str, str], scripts: list[list[Step]]
) -> dict[str, object]:
    fake = FakeTelegram()
    await fake.start()
    env = {
        **os.environ,
        **env,
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.api_url,
    }
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not fake.calls_of("getUpdates"):  # up and polling
            if process.poll() is not None:
                raise RuntimeError(f"{command} exited during start-up")
            await asyncio.sleep(0.05)
        idle = cpu_seconds(process.pid)  # start-up, before the first update
        leaders = Leaders(fake)
        started, played = time.perf_counter(), time.process_time()
        await asyncio.gather(*(leaders.run(10_000 + n, s) for n, s in enumerate(scripts)))
        elapsed = time.perf_counter() - started
        played = time.process_time() - played  # the fake Bot API and the leaders, in this process
        busy = cpu_seconds(process.pid) - idle
        peak = peak_rss_mb(process.pid)
        calls = Counter(c.method for c in fake.calls)
    finally:
        process.terminate()
        process.wait(timeout=30)
        await fake.stop()
    cuts = statistics.quantiles(leaders.timings, n=100)
    return {
        "updates": len(leaders.timings),
        "cpu_seconds_per_1000_updates": round(busy / len(leaders.timings) * 1000, 2),
        "fake_cpu_seconds_per_1000_updates": round(played / len(leaders.timings) * 1000, 2),
        "peak_rss_mb": peak,
        "seconds": round(elapsed, 3),
        "updates_per_second": round(len(leaders.timings) / elapsed, 1),
        "latency_ms": {"p50": round(cuts[49] * 1000, 1), "p99": round(cuts[98] * 1000, 1)},
        "bot_api_calls_per_update": {
            method: round(count / len(leaders.timings), 2) for method, count in calls.most_common()
        },
    }


async def main(count: int, rate: float) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-tg-"))
    env = {
        "DATABASE_URL": f"sqlite:///{folder}/bench.db",
        "CAMPAIGN_FILE": str(open_campaign(folder, count)),
        "HTTP_PORT": str(free_port()),
        # The echo bot sends as fast as it can; so does ours unless --rate sets Telegram's pace.
        "TELEGRAM_RATE_PER_S": str(rate),
    }
    settings = Settings(
        database_url=env["DATABASE_URL"], campaign_file=Path(env["CAMPAIGN_FILE"]), _env_file=None
    )  # type: ignore[call-arg]
    codes = await prepare(settings, count)
    scripts = [[("say", f"/start {code}"), *FLOW] for code in codes]
    ours = await measure([sys.executable, "main.py", "run"], env, scripts)
    done = await submitted(settings)
    if done != count:
        raise RuntimeError(f"only {done} of {count} pledges were submitted")
    echo = await measure([sys.executable, "bench/echo_bot.py"], {}, scripts)
    return {
        "benchmark": "pledge flow on Telegram (long polling, fake Bot API)",
        "leaders_at_once": count,
        "telegram_rate_per_s": rate,
        "updates_per_flow": len(FLOW) + 1,
        "thidua_bot": {**ours, "pledges_submitted": done},
        "ptb_echo_bot": echo,
        "throughput_ratio": round(
            float(ours["updates_per_second"]) / float(echo["updates_per_second"]),
            3,  # type: ignore[arg-type]
        ),
        "cpus": os.cpu_count(),
    }


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--leaders", type=int, default=200)
    options.add_argument(
        "--rate",
        type=float,
        default=1000.0,
        help="TELEGRAM_RATE_PER_S of the bot (default 1000: the bot's own cost, unpaced; "
        "the production default 25 caps answers at Telegram's overall rate)",
    )
    args = options.parse_args()
    print(json.dumps(asyncio.run(main(args.leaders, args.rate)), indent=2))
