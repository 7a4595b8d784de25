"""A demo as an operator runs it: `main.py run` with DEMO_CLOCK_START just before a reminder
step, a web leader linked, and the reminder in the inbox at the step's minute, once."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from telegram_people import free_port

ROOT = Path(__file__).resolve().parent.parent.parent


def operator(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_a_demo_clock_set_before_the_14_day_step_sends_it_at_0800(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **{
            k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "HTTP_", "BOT_"))
        },
        "DATABASE_URL": f"sqlite:///{tmp_path}/demo.db",
        "HTTP_PORT": str(port),
        "DEMO_CLOCK_START": "2026-12-17T07:59:56",  # Vietnam time, 14 days before the deadline
        "REMINDER_TICK_SECONDS": "1",
    }
    operator(env, "db", "upgrade")
    code = re.search(r"Invite code: (\S+)", operator(env, "invite", "TAMKY", "--days", "60"))
    assert code is not None
    log = (tmp_path / "bot.log").open("w")
    bot = subprocess.Popen(
        [sys.executable, "main.py", "run"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    try:
        jar = aiohttp.CookieJar(unsafe=True)  # as a browser keeps the server's cookie
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", cookie_jar=jar) as http:
            for _ in range(100):
                try:
                    async with http.get("/healthz") as answer:
                        if answer.status == 200:
                            break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
            link = {"id": "e1", "text": code.group(1)}
            async with http.post("/api/chat", json=link) as answer:
                assert "Liên kết thành công" in (await answer.json())["replies"][0]["text"]
            got: list[str] = []
            limit = time.monotonic() + 10
            while time.monotonic() < limit:
                async with http.post("/api/inbox") as answer:
                    got += [r["text"] for r in (await answer.json())["replies"]]
                await asyncio.sleep(0.25)
        assert len(got) == 1, got
        assert got[0].startswith("⏰ Nhắc hạn: Đăng ký thi đua\nHạn chót: 17:00 ngày 31/12/2026")
        assert "còn 14 ngày" in got[0]
    finally:
        bot.terminate()
        bot.wait(timeout=30)
        log.close()
    assert (
        "demo clock: the bot's time starts at 2026-12-17T07:59:56+07:00"
        in (tmp_path / "bot.log").read_text()
    )
