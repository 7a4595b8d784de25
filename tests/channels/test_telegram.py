"""The whole bot on Telegram through the real python-telegram-bot client and a fake Bot API."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from fakes.telegram_api import FakeTelegram
from harness import Bot, Clock
from sqlalchemy import func, select
from telegram_people import SECRET, TelegramUser, telegram_bot

from storage.models import Account, PledgeRevision, ProcessedEvent

ROOT = Path(__file__).resolve().parents[2]
HANDOFF_QUESTION = "Kinh phí tổ chức hội nghị sơ kết lấy từ nguồn nào?"
HANDOFF_ANSWER = "Kinh phí sơ kết lấy từ nguồn chi thường xuyên của đơn vị."


@pytest.fixture(params=["polling", "webhook"])
async def tg(
    request: pytest.FixtureRequest, telegram_api: FakeTelegram, sqlite_url: str, clock: Clock
) -> AsyncIterator[Bot]:
    async with telegram_bot(telegram_api, sqlite_url, clock, request.param) as bot:
        yield bot


async def test_a_leader_links_by_deep_link_and_registers_a_whole_pledge(
    tg: Bot, telegram_api: FakeTelegram
) -> None:
    leader = TelegramUser(telegram_api, 5001)
    await leader.say("/start " + await tg.invite("DUYXUYEN"))  # what t.me/<bot>?start=CODE sends
    assert "Liên kết thành công!" in leader.last
    await leader.tap("Đăng ký ngay")
    assert "(1/9)" in leader.last
    await leader.tap("Tập thể lao động xuất sắc")
    await leader.say("3")
    await leader.say("25")
    await leader.say("1.200")
    before = len(leader.texts)
    await leader.tap("Kiện toàn")
    await leader.tap("chuyển đổi số")
    assert len(leader.texts) == before  # ticks are edits of the same message
    assert "✓ Đẩy mạnh chuyển đổi số" in str(
        telegram_api.last_with_buttons(leader.id)["reply_markup"]
    )
    await leader.tap("Xong")
    await leader.say("Giải quyết 100% hồ sơ đúng hạn")
    await leader.tap("Xong")
    await leader.say("Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024")
    await leader.say("Nguyễn Văn An")
    await leader.say("0905 123 456")
    assert "Trạng thái: bản nháp, đã trả lời 9/9 câu, chưa nộp." in leader.last
    shown = telegram_api.calls_of("sendMessage")[-1].params["text"]  # as Telegram gets it
    assert "<b>Bản đăng ký thi đua của UBND huyện Duy Xuyên</b>\n" in shown
    assert "\n• <b>Danh hiệu tập thể đăng ký:</b> Tập thể lao động xuất sắc\n" in shown
    assert "\n• <b>Chỉ tiêu trọng tâm:</b>\n   1. Giải quyết 100% hồ sơ đúng hạn\n" in shown
    await leader.tap("Xác nhận")
    assert "đã được gửi lúc" in leader.last
    pledge = await tg.pledge("DUYXUYEN")
    assert pledge is not None and pledge.status == "submitted"
    assert pledge.fields["movements"] == ["kien_toan", "chuyen_doi_so"]
    await asyncio.sleep(0.05)  # spinner answers run beside the dispatch
    presses = telegram_api.calls_of("answerCallbackQuery")
    assert len(presses) == 7  # every pressed button was answered
    assert all(c.params.get("parse_mode") == "HTML" for c in telegram_api.calls_of("sendMessage"))


async def test_only_the_latest_answer_keeps_its_buttons(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    leader = TelegramUser(telegram_api, 5011)
    await leader.say("/start " + await polling.invite("QUESON"))
    await leader.tap("Đăng ký ngay")
    question_one = telegram_api.last_with_buttons(leader.id)
    await leader.tap("Cờ thi đua")  # answered by a press: its buttons go
    question_two = telegram_api.last_with_buttons(leader.id)
    assert question_two["message_id"] != question_one["message_id"]
    await leader.say("3")  # answered by typing: its buttons go too
    question_three = telegram_api.last_with_buttons(leader.id)
    await asyncio.sleep(0.05)  # the edits run beside the answer
    assert telegram_api.message(question_one["message_id"])["reply_markup"] is None
    assert telegram_api.message(question_two["message_id"])["reply_markup"] is None
    assert "(3/9)" in question_three["text"] and question_three["reply_markup"]
    with_buttons = [m for m in telegram_api.sent(leader.id) if m.get("reply_markup")]
    assert with_buttons == [question_three]  # nothing older can be pressed by mistake
    cleared = telegram_api.calls_of("editMessageReplyMarkup")
    assert {c.params["message_id"] for c in cleared} >= {
        question_one["message_id"],
        question_two["message_id"],
    }


async def test_a_forged_webhook_is_refused_before_anything_is_handled(
    webhook: Bot, telegram_api: FakeTelegram
) -> None:
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 9, "type": "private"},
            "from": {"id": 9, "is_bot": False, "first_name": "X"},
            "text": "/start",
        },
    }
    url = f"http://127.0.0.1:{webhook.app.port}/hooks/telegram"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json=update) as answer:
            assert answer.status == 401
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET + "x"}
        async with http.post(url, json=update, headers=headers) as answer:
            assert answer.status == 403
    async with webhook.app.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0
        assert await session.scalar(select(Account).where(Account.user_id == "9")) is None
    assert telegram_api.texts(9) == []
    assert telegram_api.calls_of("setWebhook")[0].params["secret_token"] == SECRET


async def test_a_replayed_update_is_handled_once(webhook: Bot, telegram_api: FakeTelegram) -> None:
    leader = TelegramUser(telegram_api, 5002)
    await leader.say(await webhook.invite("QUESON"))
    await leader.say("/dangky")
    pressed = await leader.tap("Cờ thi đua")
    replies = len(leader.texts)
    assert await telegram_api.redeliver(pressed) == 200
    assert len(leader.texts) == replies
    async with webhook.app.db.transaction() as session:
        saved = await session.scalar(
            select(func.count()).select_from(PledgeRevision).where(PledgeRevision.field == "title")
        )
    assert saved == 1


async def at_targets(bot: Bot, api: FakeTelegram, user_id: int, unit: str) -> TelegramUser:
    """A linked leader who has answered everything before the key targets."""
    leader = TelegramUser(api, user_id)
    await leader.say(await bot.invite(unit))
    await leader.say("/dangky")
    await leader.tap("Bằng khen")
    for answer in ("1", "2", "3", "1"):
        await leader.say(answer)
    await leader.tap("Xong")
    return leader


async def test_a_long_reply_is_split_on_line_ends_with_the_buttons_last(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    leader = await at_targets(polling, telegram_api, 5003, "NAMGIANG")
    for n in range(10):
        await leader.say(f"Chỉ tiêu số {n + 1}: " + "hoàn thành đúng hạn và đạt chất lượng; " * 7)
    before = len(leader.texts)
    await leader.tap("Xong")
    await leader.say("Cam kết: " + "hoàn thành xuất sắc mọi nhiệm vụ được giao, " * 22)
    await leader.say("Nguyễn Văn An")
    await leader.say("0905123456")
    summary = telegram_api.sent(leader.id)[before + 3 :]
    assert len(summary) == 2
    assert all(len(m["text"]) <= 4096 for m in summary)
    assert summary[0]["reply_markup"] is None and summary[1]["reply_markup"] is not None
    assert summary[0]["text"].endswith("hoàn thành đúng hạn và đạt chất lượng;")  # a whole line
    assert "Bản đăng ký thi đua của UBND huyện Nam Giang" in summary[0]["text"]


async def test_html_typed_by_a_person_comes_back_escaped(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    leader = await at_targets(polling, telegram_api, 5004, "HIEPDUC")
    await leader.say("<b>100%</b> hồ sơ & <a href='x'>đúng hạn</a>")
    sent = telegram_api.calls_of("sendMessage")[-1].params
    assert sent["parse_mode"] == "HTML"
    assert (
        "«&lt;b&gt;100%&lt;/b&gt; hồ sơ &amp; &lt;a href='x'&gt;đúng hạn&lt;/a&gt;»"
        in sent["text"]
    )
    pledge = await polling.pledge("HIEPDUC")
    assert pledge is not None and pledge.fields["targets"] == [
        "<b>100%</b> hồ sơ & <a href='x'>đúng hạn</a>"
    ]


async def test_in_a_group_only_commands_for_this_bot_are_answered(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    group = -100500
    await telegram_api.user_says(5005, "chào cả nhà", chat_id=group, chat_type="supergroup")
    await telegram_api.user_says(5005, "/help@OtherBot", chat_id=group, chat_type="supergroup")
    assert telegram_api.texts(group) == []
    await telegram_api.user_says(
        5005, "/help@ThiDuaTestBot", chat_id=group, chat_type="supergroup"
    )
    assert "Các lệnh có thể dùng:" in telegram_api.texts(group)[-1]


async def test_menus_are_set_in_both_languages_and_office_commands_only_for_the_office(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    for _ in range(200):
        if len(telegram_api.calls_of("setMyCommands")) >= 3:
            break
        await asyncio.sleep(0.01)
    calls = telegram_api.calls_of("setMyCommands")
    default_vi = next(
        c
        for c in calls
        if "language_code" not in c.params and c.params.get("scope", {}).get("type") == "default"
    )
    english = next(c for c in calls if c.params.get("language_code") == "en")
    admin = next(c for c in calls if c.params.get("scope") == {"type": "chat", "chat_id": 42})
    assert [c["command"] for c in default_vi.params["commands"]][:3] == [
        "batdau",
        "ngonngu",
        "dangky",
    ]
    assert "mokhoa" not in str(default_vi.params) and "unlock" not in str(english.params)
    assert {"command": "register", "description": "register or continue your unit's pledge"} in (
        english.params["commands"]
    )
    assert "mokhoa" in str(admin.params["commands"])

    staff = TelegramUser(telegram_api, 5006)
    await staff.say(await polling.invite("SNV", role="staff"))
    scoped = telegram_api.calls_of("setMyCommands")[-1].params
    assert scoped["scope"] == {"type": "chat", "chat_id": 5006}
    assert "donvi" in str(scoped["commands"]) and "mokhoa" not in str(scoped["commands"])


async def test_one_persons_messages_keep_their_order_while_others_run_beside(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    first, second = TelegramUser(telegram_api, 5007), TelegramUser(telegram_api, 5008)
    await first.say(await polling.invite("TAMKY"))
    await second.say(await polling.invite("HOIAN"))
    sent = []
    for text in ("/dangky", "bang khen", "4", "5", "6"):
        sent.append(await telegram_api.user_says(first.id, text, wait=False))
        sent.append(await telegram_api.user_says(second.id, text, wait=False))
    await telegram_api.handled(sent[-1]["update_id"])
    for unit in ("TAMKY", "HOIAN"):
        pledge = await polling.pledge(unit)
        assert pledge is not None
        assert pledge.fields == {
            "title": "bang_khen",
            "cstd_tinh": 4,
            "cstd_co_so": 5,
            "ld_tien_tien": 6,
        }


async def test_the_invite_command_prints_the_deep_link(
    telegram_api: FakeTelegram, sqlite_url: str
) -> None:
    env = {
        "DATABASE_URL": sqlite_url,
        "TELEGRAM_BOT_TOKEN": telegram_api.token,
        "TELEGRAM_API_BASE_URL": telegram_api.api_url,
        "PATH": "/usr/bin:/bin",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "main.py",
        "invite",
        "SYT",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    code = out.decode().split("Invite code: ")[1].split()[0]
    assert f"Telegram: https://t.me/ThiDuaTestBot?start={code}" in out.decode()


async def test_office_members_on_telegram_get_the_question_from_the_outbox(
    telegram_api: FakeTelegram, sqlite_url: str, clock: Clock
) -> None:
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling") as bot:
        staff = TelegramUser(telegram_api, 8001)
        await staff.say(await bot.invite("SNV", role="staff"))
        asker = bot.person()
        await asker.say(await bot.invite("TAMKY"))
        await asker.say(HANDOFF_QUESTION)
        await asker.tap("Hỏi cơ quan thường trực")
        for _ in range(300):
            if any("Câu hỏi #1" in text for text in staff.texts):
                break
            await asyncio.sleep(0.01)
        assert f"«{HANDOFF_QUESTION}»" in staff.last
        await staff.tap("Trả lời")
        await staff.say(HANDOFF_ANSWER)
        assert "Đã gửi tới người hỏi." in staff.last
        await asker.inbox()
        assert HANDOFF_ANSWER in asker.text
