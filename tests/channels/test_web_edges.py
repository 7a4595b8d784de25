"""What a fuzzer sends the web API: each gets a 4xx with a JSON reason or a polite reply, never
a 500 or a traceback, and nothing saved before is lost."""

from __future__ import annotations

import json
import logging

import pytest
from harness import Bot, linked


def body(**fields: str) -> str:
    """As a client would send it: JSON with escapes (a lone surrogate as \\ud800)."""
    return json.dumps(fields)


BODIES = [
    ("[" * 2000 + "]" * 2000, "application/json", 400, "the JSON is nested too deeply"),
    (body(payload="\ud800"), "application/json", 400, "'payload'"),
    (body(text="x", id="\ud800"), "application/json", 400, "'id'"),
    (body(text="\udfff"), "application/json", 400, "'text'"),
    (body(text="hi"), "application/json; charset=bogus", 200, ""),
    (body(text="hi"), "text/plain", 200, ""),
    (body(text="\u0000"), "application/json", 400, "send 'text', 'payload' or 'file'"),
    (body(text="hi", session="\u0000"), "application/json", 200, ""),  # not an identity
    (b'{"text": "\xff\xfe"}', "application/json", 400, "the body must be UTF-8 JSON"),
    ("[1, 2]", "application/json", 400, "the body must be a JSON object"),
    ('"text"', "application/json", 400, "the body must be a JSON object"),
    ("not json", "application/json", 400, "the body must be JSON"),
]


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    failed = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert failed == [], [r.getMessage() for r in failed]


@pytest.mark.parametrize(("sent", "kind", "status", "reason"), BODIES)
async def test_malformed_bodies_get_a_json_reason(
    quick_bot: Bot,
    caplog: pytest.LogCaptureFixture,
    sent: str | bytes,
    kind: str,
    status: int,
    reason: str,
) -> None:
    code, answer = await quick_bot.person().post(sent, kind=kind)
    assert code == status, answer
    if status == 400:
        assert reason in answer["error"]
    else:
        assert answer["replies"]
    no_tracebacks(caplog)


async def test_a_body_over_the_limit_is_413_as_json(
    quick_bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    assert quick_bot.http is not None
    huge = body(text="a" * (30 * 2**20)).encode()
    async with quick_bot.http.post(
        "/api/chat", data=huge, headers={"Content-Type": "application/json"}
    ) as r:
        assert r.status == 413
        assert (await r.json())["error"] == "the body is over the limit of 26 MB"
    no_tracebacks(caplog)


async def test_nul_characters_are_cleaned_at_the_edge_on_both_databases(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    leader = await linked(bot, "TAMKY")
    await leader.say("/dangky")
    await leader.tap("Cờ thi đua")
    await leader.say("1\x002")
    assert "Đã lưu: 12" in leader.text
    pledge = await bot.pledge("TAMKY")
    assert pledge is not None and pledge.fields["cstd_tinh"] == 12
    await leader.say("hạn chót\x00 là khi nào?")  # a question at a count step
    no_tracebacks(caplog)


@pytest.mark.parametrize("typed", ["²", "①", "٣", "1" * 26, "1" * 400])
async def test_digits_that_int_refuses_or_cannot_hold_get_a_polite_answer(
    quick_bot: Bot, caplog: pytest.LogCaptureFixture, typed: str
) -> None:
    leader = await linked(quick_bot, "TAMKY")
    await leader.say("/dangky")
    await leader.say(typed)  # the choice step: an option's number
    assert "(1/9)" in leader.last[-1].text
    await leader.tap("Cờ thi đua")
    await leader.say(typed)  # a count step
    assert "(2/9)" in leader.last[-1].text
    assert "Đã lưu" not in leader.text
    admin = quick_bot.admin()
    await admin.say(f"/mokhoa TAMKY {typed}")
    assert admin.text == "Số ngày phải là số nguyên từ 1 đến 90."
    for payload in (f"qa:reply:{typed}", f"qa:faq:{typed}", f"pend:{typed}:{typed}"):
        await admin.press(payload[:64])
        assert "sự cố" not in admin.text, payload
    await leader.say("/xem")
    assert "Cờ thi đua của UBND tỉnh" in leader.text  # what was saved is still there
    no_tracebacks(caplog)


async def test_one_persons_message_id_never_silences_anothers(quick_bot: Bot) -> None:
    for person in (quick_bot.person(), quick_bot.person()):
        status, answer = await person.post({"id": "same-id-1", "text": "/trogiup"})
        assert status == 200 and "/dangky" in answer["replies"][0]["text"]


async def test_a_retried_request_gets_the_same_answer_and_acts_once(bot: Bot) -> None:
    """The page lost the response (a phone between cells) and sends the same id again."""
    assert bot.http is not None
    leader = await linked(bot, "TAMKY")
    await leader.say("/dangky")
    await leader.tap("Cờ thi đua")
    answers = []
    for _ in range(2):
        status, answer = await leader.post({"id": "lost-answer-1", "text": "12"})
        assert status == 200
        answers.append(answer["replies"])
    assert answers[0] == answers[1] and "Đã lưu: 12" in answers[0][0]["text"]
    assert "(3/9)" in answers[1][-1]["text"]  # not asked twice: the answer was saved once
    pledge = await bot.pledge("TAMKY")
    assert pledge is not None and pledge.fields["cstd_tinh"] == 12
    office, files = bot.admin(), []
    for _ in range(2):
        _, answer = await office.post({"id": "chart-1", "text": "/bieudo"})
        files.append(answer["replies"][0]["attachments"])
    assert files[0] == files[1] and files[0][0]["url"].startswith("/media/")
