"""A bounded fuzz run over the web API on each database (fixed seed, seconds): 1,500 requests
mixing well-formed chat with the nasty inputs fuzzers send. No 5xx, no traceback in the log,
and the pledge saved before the run is unchanged after it and after a restart."""

from __future__ import annotations

import json
import logging
import random

import pytest
from harness import Bot, linked, register_everything

REQUESTS = 1_500
WORDS = ["/dangky", "/xem", "/huy", "/tinhhinh", "/chuadangky", "/mokhoa TAMKY", "/bieudo",
         "/trogiup", "/ngonngu en", "/hoi", "bao nhiêu đơn vị đã đăng ký", "xong", "0", "12",
         "Giải quyết 100% hồ sơ", "0905 123 456", "ABCD-EFGH", "Hội An đăng ký chưa"]  # fmt: skip
NASTY = ["²", "①", "٣", "\x00", "\ud800", "1" * 40, "-5", "1.5", "\U0001d7d9\U0001d7da",
         "\u202e", "' OR 1=1 --", "<script>", "%s%n", "\\", "ﷺ", "🇻🇳", " " * 50]  # fmt: skip
PAYLOADS = ["opt:co_ubnd", "f:title:opt:bang_khen", "f:targets:done", "f:x:", "f:",
            "cmd:export", "cmd:status HOIAN", "pend:2:", "pend:9:99:s",
            "qa:reply:1", "qa:faq:x", "rem:later:1", "rem:reopen:abc", "bc:aud:all", "edit",
            "confirm", "lang:en", "nosuch"]  # fmt: skip


def nasty_text(rng: random.Random) -> str:
    parts = [rng.choice(WORDS + NASTY) for _ in range(rng.randint(1, 3))]
    return "".join(parts) if rng.random() < 0.5 else " ".join(parts)


def request(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.05:  # not an object, or not JSON
        return rng.choice([b"[" * 3000, b"[]", b"null", b"\xff\xfe", b'{"session": 5}'])
    body: dict[str, object] = {}
    if rng.random() < 0.1:  # a client-chosen identity: ignored
        body["session"] = rng.choice(["admin-session", nasty_text(rng)])
    if roll < 0.55:
        body["text"] = nasty_text(rng)
    elif roll < 0.85:
        body["payload"] = rng.choice(PAYLOADS + NASTY)[:64]
    else:  # wrong types and odd fields
        body[rng.choice(["text", "payload", "id", "locale", "file"])] = rng.choice(
            [None, 5, [], {}, {"name": "x/y", "data": "!!"}, "x" * 70, nasty_text(rng)]
        )
    if rng.random() < 0.3:
        body["id"] = rng.choice(["same-id", nasty_text(rng)[:64], str(rng.randint(0, 9))])
    return json.dumps(body).encode()


async def test_fuzzing_the_web_api_breaks_nothing(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    hoian = await linked(bot, "HOIAN")
    await register_everything(hoian)
    before = await bot.pledge("HOIAN")
    assert before is not None
    saved = dict(before.fields)
    fuzzers = [bot.person(f"fuzzer-{n}") for n in range(5)]
    await (await linked(bot, "TAMKY", name="fuzzer-0")).say("/dangky")
    browsers = [*fuzzers, bot.admin(), None]  # None: a client without the cookie
    rng = random.Random(20261130)
    statuses: dict[int, int] = {}
    for _ in range(REQUESTS):
        browser = rng.choice(browsers) or bot.person()
        status, answer = await browser.post(request(rng))
        statuses[status] = statuses.get(status, 0) + 1
        assert status < 500, answer
        assert "replies" in answer or status >= 400
    failed = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert failed == []
    assert statuses[200] > REQUESTS // 2 and statuses.get(400, 0) > 50  # both kinds were met
    after = await bot.pledge("HOIAN")
    assert after is not None and after.fields == saved and after.status == "submitted"
    await bot.restart()  # and after a restart, all of it is still there and serves
    again = await bot.pledge("HOIAN")
    assert again is not None and again.fields == saved
    await hoian.say("/xem")
    assert "Bản đăng ký thi đua của UBND thành phố Hội An" in hoian.text
    print(json.dumps({"database": bot.app.db.backend, "requests": REQUESTS, **statuses}))
