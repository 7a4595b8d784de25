"""The fake Telegram's sending limits and per-chat refusals, seen through real HTTP."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest
from fakes.telegram_api import FakeTelegram
from fakes.telegram_limits import SendLimits


async def call(
    fake: FakeTelegram, chat_id: int, method: str = "sendMessage", **params: str
) -> tuple[int, dict[str, Any]]:
    """POST form data as PTB does; the HTTP status and the decoded answer."""
    data = {"chat_id": str(chat_id), **params}
    if method == "sendMessage":
        data.setdefault("text", "xin chào")
    url = f"{fake.api_url}/bot{fake.token}/{method}"
    async with aiohttp.ClientSession() as http, http.post(url, data=data) as answer:
        return answer.status, await answer.json()


def retry_after(answer: dict[str, Any]) -> int:
    wait = answer["parameters"]["retry_after"]
    assert isinstance(wait, int) and wait >= 1
    assert answer["description"] == f"Too Many Requests: retry after {wait}"
    return wait


async def test_a_second_quick_send_to_one_chat_waits_retry_after(
    telegram_api: FakeTelegram,
) -> None:
    telegram_api.enforce_limits(overall_per_s=30, per_chat_per_s=1)
    assert (await call(telegram_api, 1))[0] == 200
    status, answer = await call(telegram_api, 1)
    assert status == 429 and answer["ok"] is False and answer["error_code"] == 429
    wait = retry_after(answer)
    assert telegram_api.texts(1) == ["xin chào"]  # the refused one was not delivered
    assert (telegram_api.rejected_429, telegram_api.refusals) == (1, [("sendMessage", 1)])
    assert (await call(telegram_api, 2))[0] == 200  # another chat is not held up
    await asyncio.sleep(wait)
    assert (await call(telegram_api, 1))[0] == 200
    assert len(telegram_api.sent(1)) == 2


async def test_only_sends_beyond_thirty_a_second_are_refused(telegram_api: FakeTelegram) -> None:
    telegram_api.enforce_limits()
    answers = [await call(telegram_api, chat) for chat in range(100, 140)]
    assert [status for status, _ in answers] == [200] * 30 + [429] * 10
    for _, answer in answers[30:]:
        retry_after(answer)
    assert [len(telegram_api.sent(chat)) for chat in range(100, 140)] == [1] * 30 + [0] * 10
    assert telegram_api.rejected_429 == 10


async def test_edits_and_other_calls_are_not_counted(telegram_api: FakeTelegram) -> None:
    telegram_api.enforce_limits()
    status, answer = await call(telegram_api, 5)
    message_id = str(answer["result"]["message_id"])
    for _ in range(3):
        assert (await call(telegram_api, 5, "sendChatAction", action="typing"))[0] == 200
        edited = await call(telegram_api, 5, "editMessageText", message_id=message_id, text="mới")
        assert edited[0] == 200
    assert (status, telegram_api.texts(5), telegram_api.rejected_429) == (200, ["mới"], 0)


async def test_nothing_is_refused_with_limits_off(telegram_api: FakeTelegram) -> None:
    statuses = [(await call(telegram_api, 7))[0] for _ in range(5)]
    telegram_api.enforce_limits()
    telegram_api.enforce_limits(None)
    statuses += [(await call(telegram_api, 7))[0] for _ in range(5)]
    assert statuses == [200] * 10
    assert len(telegram_api.sent(7)) == 10 and telegram_api.rejected_429 == 0


async def test_injected_faults_come_before_limits_and_do_not_count(
    telegram_api: FakeTelegram,
) -> None:
    telegram_api.enforce_limits()
    telegram_api.fail("sendMessage", 502)
    assert (await call(telegram_api, 8))[0] == 502
    assert (await call(telegram_api, 8))[0] == 200  # the failed one used no place in the window


async def test_a_blocked_chat_answers_403_until_unblocked(telegram_api: FakeTelegram) -> None:
    telegram_api.block(9)
    for _ in range(2):
        status, answer = await call(telegram_api, 9)
        assert (status, answer["error_code"]) == (403, 403)
        assert answer["description"] == "Forbidden: bot was blocked by the user"
    assert (await call(telegram_api, 10))[0] == 200
    telegram_api.unblock(9)
    assert (await call(telegram_api, 9))[0] == 200
    assert telegram_api.texts(9) == ["xin chào"]


async def test_a_forgotten_chat_answers_400_chat_not_found(telegram_api: FakeTelegram) -> None:
    telegram_api.forget_chat(-500)
    for method in ("sendMessage", "sendPhoto"):
        status, answer = await call(telegram_api, -500, method)
        assert (status, answer["description"]) == (400, "Bad Request: chat not found")
    assert telegram_api.sent(-500) == []


def test_retry_after_counts_whole_seconds_until_a_place_frees_up() -> None:
    limits = SendLimits(overall_per_s=2, per_chat_per_s=2)
    assert limits.admit(1, 10.0) is None
    assert limits.admit(1, 10.5) is None
    assert limits.admit(1, 10.6) == 1  # the send at 10.0 leaves the window at 11.0
    assert limits.admit(2, 10.99) == 1  # overall too
    assert limits.admit(1, 11.0) is None
    assert limits.admit(1, 11.2) == 1
    with pytest.raises(ValueError):
        SendLimits(overall_per_s=0, per_chat_per_s=1)
