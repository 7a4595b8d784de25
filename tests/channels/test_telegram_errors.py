"""Telegram's refusals and failures: waits, retries, unreachable people, bad updates, uploads."""

from __future__ import annotations

import time

import aiohttp
import pytest
from fakes.telegram_api import FakeTelegram
from harness import Bot, Clock
from sqlalchemy import select
from telegram_people import SECRET, TelegramUser, telegram_bot

from bot.delivery.results import Sent, Target, Unreachable
from handlers.types import Attachment, Reply, pack
from storage import outbox
from storage.models import Account, Outbox


async def account(bot: Bot, user_id: int) -> Account:
    async with bot.app.db.transaction() as session:
        found = await session.scalar(select(Account).where(Account.user_id == str(user_id)))
    assert found is not None
    return found


async def test_too_many_requests_waits_retry_after_then_delivers(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    person = TelegramUser(telegram_api, 6001)
    telegram_api.fail("sendMessage", 429, retry_after=1)
    started = time.monotonic()
    await person.say("/help")
    assert time.monotonic() - started >= 1.0
    assert "Các lệnh có thể dùng:" in person.last
    assert len(telegram_api.calls_of("sendMessage")) == 2


async def test_server_errors_are_retried_with_back_off(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    person = TelegramUser(telegram_api, 6002)
    telegram_api.fail("sendMessage", 502, times=2)
    await person.say("/start")
    assert "Xin chào!" in person.last
    assert len(telegram_api.calls_of("sendMessage")) == 3


async def test_a_person_who_blocked_the_bot_is_marked_unreachable(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    person = TelegramUser(telegram_api, 6003)
    telegram_api.fail("sendMessage", 403)
    await person.say("/start")
    blocked = await account(polling, person.id)
    assert blocked.blocked and blocked.blocked_reason == "Forbidden: bot was blocked by the user"
    assert len(telegram_api.calls_of("sendMessage")) == 1  # a 403 is not retried
    await person.say("/start")  # writing again unblocks
    assert not (await account(polling, person.id)).blocked
    assert "Xin chào!" in person.last


async def test_polling_survives_failures_of_get_updates(
    telegram_api: FakeTelegram, sqlite_url: str, clock: Clock
) -> None:
    telegram_api.fail("getUpdates", 502)
    telegram_api.fail("getUpdates", 429, retry_after=1)
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling"):
        person = TelegramUser(telegram_api, 6004)
        await person.say("/start")
        assert "Xin chào!" in person.last


async def test_bad_and_ignored_updates_do_not_stop_the_bot(
    webhook: Bot, telegram_api: FakeTelegram
) -> None:
    url = f"http://127.0.0.1:{webhook.app.port}/hooks/telegram"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    edited = {
        "update_id": 50,
        "edited_message": {
            "message_id": 3,
            "date": 0,
            "text": "x",
            "chat": {"id": 6005, "type": "private"},
            "from": {"id": 6005, "is_bot": False, "first_name": "A"},
        },
    }
    async with aiohttp.ClientSession() as http:
        async with http.post(url, data=b"{not json", headers=headers) as answer:
            assert answer.status == 200 and await answer.text() == "skipped"
        async with http.post(url, json=edited, headers=headers) as answer:
            assert answer.status == 200
    assert telegram_api.texts(6005) == []
    person = TelegramUser(telegram_api, 6005)
    await person.say("/start")
    assert "Xin chào!" in person.last


async def test_photos_and_documents_go_out_through_the_send_api(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    assert polling.app.telegram is not None
    report = Reply(
        "Báo cáo tiến độ đăng ký",
        attachments=(
            Attachment("document", "dang-ky.csv", b"don_vi,trang_thai\nTAMKY,da_gui\n"),
            Attachment("image", "bieu-do.png", b"\x89PNG\r\n\x1a\nfake"),
        ),
    )
    result = await polling.app.telegram.channel.send(Target("telegram", "6006", "6006"), [report])
    assert isinstance(result, Sent) and len(result.message_ids) == 3
    assert telegram_api.texts(6006)[0] == "Báo cáo tiến độ đăng ký"
    document, photo = (
        telegram_api.calls_of("sendDocument")[0],
        telegram_api.calls_of("sendPhoto")[0],
    )
    assert document.files["document"] == b"don_vi,trang_thai\nTAMKY,da_gui\n"
    assert photo.files["photo"].startswith(b"\x89PNG")


async def test_sending_to_someone_unreachable_reports_it(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    assert polling.app.telegram is not None and polling.app.outbox is not None
    person = TelegramUser(telegram_api, 6007)
    await person.say("/start")
    telegram_api.block(6007, "Forbidden: user is deactivated")
    reminder = [Reply("Nhắc hạn")]
    result = await polling.app.telegram.channel.send(Target("telegram", "6007", "6007"), reminder)
    assert result == Unreachable("Forbidden: user is deactivated")
    assert not (await account(polling, person.id)).blocked  # the channel reports, no more
    account_id, now = (await account(polling, person.id)).id, polling.clock.now()
    async with polling.app.db.transaction() as session:
        row = await outbox.enqueue(session, account_id, "reminder", pack(reminder), now)
    await polling.app.outbox.drain()  # the worker sends it: the same refusal, now recorded
    assert (await account(polling, person.id)).blocked_reason == "Forbidden: user is deactivated"
    async with polling.app.db.transaction() as session:
        stored = await session.get(Outbox, row.id)
    assert stored is not None and stored.status == "unreachable"


async def test_a_wrong_token_stops_start_up_with_one_line(
    telegram_api: FakeTelegram, sqlite_url: str, clock: Clock
) -> None:
    from bot.settings import StartupError

    with pytest.raises(StartupError, match="TELEGRAM_BOT_TOKEN: Telegram refused this token"):
        async with telegram_bot(telegram_api, sqlite_url, clock, "polling", token="999:revoked"):
            pass
