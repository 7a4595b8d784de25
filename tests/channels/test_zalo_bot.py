"""The whole bot on the Zalo Bot Platform: numbered choices, webhook or polling, faults."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import aiosqlite
import pytest
from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from harness import Bot, Clock
from sqlalchemy import func, select
from telegram_people import TelegramUser
from zalo_people import BOT_SECRET, zalo_bot

from bot.delivery.results import Sent, Target
from handlers.types import Attachment, Reply
from storage.models import ProcessedEvent


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloBot]:
    server = FakeZaloBot()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture(params=["polling", "webhook"])
async def zb(
    request: pytest.FixtureRequest, fake: FakeZaloBot, sqlite_url: str, clock: Clock
) -> AsyncIterator[Bot]:
    async with zalo_bot(
        sqlite_url, clock, bot=fake, mode=request.param, bot_admins=("zalo_bot:admin-1",)
    ) as bot:
        yield bot


async def test_a_leader_registers_a_whole_pledge_by_typing_numbers(
    zb: Bot, fake: FakeZaloBot
) -> None:
    user = "6ede9afa66b88fe6d6a9"
    say = fake.user_says

    def last() -> str:
        return fake.texts(user)[-1]

    await say(user, await zb.invite("TIENPHUOC"))
    assert "Liên kết thành công!" in last()
    assert "1. Đăng ký ngay" in last() and "Vui lòng trả lời bằng số thứ tự" in last()
    await say(user, "1")
    assert "(1/9)" in last() and "3. Tập thể lao động xuất sắc" in last()
    await say(user, "3")
    assert "Đã lưu: Tập thể lao động xuất sắc" in last()
    assert "1. 0" not in last()  # the "0" shortcut button is not offered as a choice
    await say(user, "1")  # a count: 1 is one person, not a choice
    await say(user, "20")
    await say(user, "300")
    assert "7. Xong" in last()
    await say(user, "1")
    await say(user, "6")
    assert "✓ Kiện toàn" in last() and "✓ Đẩy mạnh chuyển đổi số" in last()
    await say(user, "7")
    await say(user, "Giải quyết 100% hồ sơ đúng hạn")
    await say(user, "1")  # Xong
    await say(user, "Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024")
    await say(user, "Lê Thị Hoa")
    await say(user, "0912 345 678")
    assert "1. ✅ Xác nhận và gửi" in last()
    assert "\n• Danh hiệu tập thể đăng ký: Tập thể lao động xuất sắc\n" in last()
    assert "<b>" not in last()  # plain text: Zalo shows no markup
    await say(user, "1")
    assert "đã được gửi lúc" in last()
    pledge = await zb.pledge("TIENPHUOC")
    assert pledge is not None and pledge.status == "submitted"
    assert pledge.fields["cstd_tinh"] == 1 and pledge.fields["movements"] == [
        "kien_toan",
        "chuyen_doi_so",
    ]


async def test_a_reply_longer_than_2000_characters_is_split(zb: Bot, fake: FakeZaloBot) -> None:
    await fake.user_says("admin-1", "/donvi")
    pieces = fake.texts("admin-1")
    assert len(pieces) == 2 and all(len(p) <= 2000 for p in pieces)
    assert pieces[0].startswith("54 đơn vị:") and "TIENPHUOC — UBND huyện Tiên Phước" in pieces[1]
    assert "\n".join(pieces).count(" — ") == 54  # cut between lines: nothing lost or broken


async def test_a_wrong_secret_is_refused_and_both_body_shapes_are_accepted(
    fake: FakeZaloBot, sqlite_url: str, clock: Clock
) -> None:
    async with zalo_bot(sqlite_url, clock, bot=fake, mode="webhook") as bot:
        assert fake.calls[1] == (
            "setWebhook",
            {"url": f"http://127.0.0.1:{bot.app.port}/hooks/zalo", "secret_token": BOT_SECRET},
        )
        update = {
            "event_name": "message.text.received",
            "message": {
                "message_id": "abc",
                "date": 0,
                "chat": {"id": "u9", "chat_type": "PRIVATE"},
                "from": {"id": "u9", "display_name": "X", "is_bot": False},
                "text": "/start",
            },
        }
        url = f"http://127.0.0.1:{bot.app.port}/hooks/zalo"
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Bot-Api-Secret-Token": BOT_SECRET + "!"}):
                async with http.post(url, json=update, headers=headers) as answer:
                    assert answer.status == 403
        async with bot.app.db.transaction() as session:
            assert await session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0
        fake.wrapped_webhooks = True
        await fake.user_says("u10", "/start")
        assert "Xin chào!" in fake.texts("u10")[-1]
        assert not any(method == "getUpdates" for method, _ in fake.calls)  # never both modes


async def test_a_replayed_event_is_handled_once(
    fake: FakeZaloBot, sqlite_url: str, clock: Clock
) -> None:
    async with zalo_bot(sqlite_url, clock, bot=fake, mode="webhook"):
        update = await fake.user_says("u11", "/start")
        assert await fake.deliver(update) == 200
        assert len(fake.texts("u11")) == 1


async def test_polling_treats_408_as_idle_and_backs_off_on_errors(
    fake: FakeZaloBot, sqlite_url: str, clock: Clock
) -> None:
    fake.fail("getUpdates", 408, "Request timeout", times=3)
    fake.fail("getUpdates", 502, "Bad Gateway")
    fake.fail("sendMessage", 429)
    async with zalo_bot(sqlite_url, clock, bot=fake, mode="polling"):
        assert [m for m, _ in fake.calls[:2]] == ["getMe", "deleteWebhook"]
        await fake.user_says("u12", "/start")
        assert "Xin chào!" in fake.texts("u12")[-1]
    assert [m for m, _ in fake.calls].count("sendMessage") == 2  # the 429 was retried


async def test_a_slow_answer_shows_typing_first(
    fake: FakeZaloBot, sqlite_url: str, clock: Clock
) -> None:
    async with zalo_bot(sqlite_url, clock, bot=fake, mode="webhook"):
        path = sqlite_url.removeprefix("sqlite:///")
        async with aiosqlite.connect(path) as other:  # another writer holds the database
            await other.execute("BEGIN IMMEDIATE")
            sending = asyncio.create_task(fake.user_says("u13", "/start"))
            await asyncio.sleep(0.8)
            await other.rollback()
        await sending
        methods = [m for m, p in fake.calls if p.get("chat_id") == "u13"]
        assert methods == ["sendChatAction", "sendMessage"]


async def test_photos_go_by_a_link_to_the_bots_own_server(zb: Bot, fake: FakeZaloBot) -> None:
    assert zb.app.zalo_bot is not None
    chart = Attachment("image", "bieu-do.png", b"\x89PNG\r\n\x1a\nchart")
    report = Attachment("document", "dang-ky.csv", b"don_vi\nTAMKY\n")
    sent = await zb.app.zalo_bot.channel.send(
        Target("zalo_bot", "u14", "u14"), [Reply("Báo cáo", attachments=(chart, report))]
    )
    assert isinstance(sent, Sent) and len(sent.message_ids) == 3
    photo = next(p for m, p in fake.calls if m == "sendPhoto")
    assert photo["photo"].startswith(f"http://127.0.0.1:{zb.app.port}/media/")
    link = fake.texts("u14")[-1].split("\n")[1]
    async with aiohttp.ClientSession() as http:
        async with http.get(photo["photo"]) as answer:
            assert await answer.read() == b"\x89PNG\r\n\x1a\nchart"
        async with http.get(link) as answer:
            assert await answer.read() == b"don_vi\nTAMKY\n"
        async with http.get(f"http://127.0.0.1:{zb.app.port}/media/guess/x.png") as answer:
            assert answer.status == 404


async def test_one_person_links_telegram_and_zalo_to_the_same_unit(
    fake: FakeZaloBot, sqlite_url: str, clock: Clock
) -> None:
    telegram = FakeTelegram()
    await telegram.start()
    try:
        async with zalo_bot(
            sqlite_url,
            clock,
            bot=fake,
            telegram_bot_token=telegram.token,
            telegram_api_base_url=telegram.api_url,
        ) as bot:
            on_zalo = "zalo-user-1"
            await fake.user_says(on_zalo, await bot.invite("BACTRAMY"))
            await fake.user_says(on_zalo, "/dangky")
            await fake.user_says(on_zalo, "2")
            on_telegram = TelegramUser(telegram, 7001)
            await on_telegram.say(await bot.invite("BACTRAMY"))
            await on_telegram.say("/xem")
            assert "Danh hiệu tập thể đăng ký: Bằng khen của Chủ tịch UBND tỉnh" in (
                on_telegram.last
            )
    finally:
        await telegram.stop()
