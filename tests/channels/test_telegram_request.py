"""The Bot API over aiohttp (bot/channels/telegram/request.py), against the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fakes.telegram_api import FakeTelegram
from telegram import Bot, InputFile
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.channels.telegram.channel import retry_seconds
from bot.channels.telegram.request import AiohttpRequest


@pytest.fixture
async def api(telegram_api: FakeTelegram) -> AsyncIterator[tuple[Bot, AiohttpRequest]]:
    request = AiohttpRequest(read_timeout=0.5)
    bot = Bot(telegram_api.token, base_url=f"{telegram_api.api_url}/bot", request=request)
    async with bot:
        yield bot, request


async def test_ptb_calls_and_uploads_go_through_it(
    api: tuple[Bot, AiohttpRequest], telegram_api: FakeTelegram
) -> None:
    bot, _ = api
    assert bot.username == "ThiDuaTestBot"  # getMe, at initialize
    sent = await bot.send_document(
        42, InputFile(b"PK\x03\x04 sheet", filename="dang-ky.xlsx"), caption="Tổng hợp"
    )
    assert sent.message_id > 0
    call = telegram_api.calls_of("sendDocument")[-1]
    assert call.files["document"] == b"PK\x03\x04 sheet"
    assert call.params["document_filename"] == "dang-ky.xlsx"
    assert call.params["caption"] == "Tổng hợp"


async def test_the_lean_call_returns_the_answer_as_json(
    api: tuple[Bot, AiohttpRequest], telegram_api: FakeTelegram
) -> None:
    bot, request = api
    keyboard = {"inline_keyboard": [[{"text": "Có", "callback_data": "opt:yes"}]]}
    sent = await request.call(
        f"{bot.base_url}/sendMessage",
        {
            "chat_id": 7,
            "text": "Đơn vị <b>đã</b> gửi?",
            "parse_mode": "HTML",
            "reply_markup": keyboard,
        },
    )
    assert isinstance(sent["message_id"], int)
    call = telegram_api.calls_of("sendMessage")[-1]
    assert call.params["text"] == "Đơn vị <b>đã</b> gửi?"
    assert call.params["reply_markup"] == keyboard
    dropped = await request.call(
        f"{bot.base_url}/editMessageReplyMarkup",
        {"chat_id": 7, "message_id": sent["message_id"], "reply_markup": None},
    )
    assert "reply_markup" not in telegram_api.calls_of("editMessageReplyMarkup")[-1].params
    assert dropped["message_id"] == sent["message_id"]


@pytest.mark.parametrize(
    ("status", "description", "raised"),
    [
        (403, "Forbidden: bot was blocked by the user", Forbidden),
        (400, "Bad Request: message is not modified", BadRequest),
        (502, "Bad Gateway", NetworkError),
    ],
)
async def test_the_lean_call_raises_what_ptb_raises(
    api: tuple[Bot, AiohttpRequest],
    telegram_api: FakeTelegram,
    status: int,
    description: str,
    raised: type[Exception],
) -> None:
    bot, request = api
    telegram_api.fail("sendMessage", status, description=description)
    with pytest.raises(raised) as lean:
        await request.call(f"{bot.base_url}/sendMessage", {"chat_id": 7, "text": "a"})
    telegram_api.fail("sendMessage", status, description=description)
    with pytest.raises(raised) as ptb:
        await bot.send_message(7, "a")
    assert str(lean.value) == str(ptb.value)


async def test_too_many_requests_carries_the_wait(
    api: tuple[Bot, AiohttpRequest], telegram_api: FakeTelegram
) -> None:
    bot, request = api
    telegram_api.fail("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as refused:
        await request.call(f"{bot.base_url}/sendMessage", {"chat_id": 7, "text": "a"})
    assert retry_seconds(refused.value) == 3.0


async def test_an_unknown_method_and_a_wrong_token_are_ptbs_invalid_token(
    api: tuple[Bot, AiohttpRequest], telegram_api: FakeTelegram
) -> None:
    bot, request = api
    with pytest.raises(InvalidToken):
        await request.call(f"{bot.base_url}/sendNothing", {})
    with pytest.raises(InvalidToken):
        await request.call(f"{telegram_api.api_url}/bot1:wrong/sendMessage", {"chat_id": 7})


async def test_a_stalled_answer_is_a_timeout(
    api: tuple[Bot, AiohttpRequest], telegram_api: FakeTelegram
) -> None:
    bot, request = api
    telegram_api.fail("sendMessage", 200, stall=2.0)
    with pytest.raises(TimedOut):
        await request.call(f"{bot.base_url}/sendMessage", {"chat_id": 7, "text": "a"})
    telegram_api.fail("sendMessage", 200, stall=2.0)
    with pytest.raises(TimedOut):
        await bot.send_message(7, "a")


async def test_a_server_that_is_not_there_is_a_network_error() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError):  # not yet initialized
        await request.call("http://127.0.0.1:9/botX/getMe", {})
    async with request:
        with pytest.raises(NetworkError) as down:
            await request.call("http://127.0.0.1:9/botX/getMe", {})
    assert "aiohttp." in str(down.value)
