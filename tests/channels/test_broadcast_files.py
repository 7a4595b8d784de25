"""An announcement's file: sent by staff on Telegram or from the web page, stored once, then
uploaded to Telegram recipients and linked for the web page."""

from __future__ import annotations

import base64

from fakes.telegram_api import FakeTelegram
from harness import Bot
from telegram_people import TelegramUser

LETTER = b"%PDF-1.4 cong van 123/SNV-TDKT " + bytes(range(256)) * 40
ANNOUNCED_HEAD = "📢 Thông báo của cơ quan thường trực thi đua (#1)\n\n"
TEXT = "Kính gửi các đơn vị: công văn hướng dẫn sơ kết (đính kèm)."
ANNOUNCED = ANNOUNCED_HEAD + TEXT


async def test_a_file_sent_on_telegram_reaches_telegram_and_the_web_page(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    leader = TelegramUser(telegram_api, 6101)
    await leader.say("/start " + await polling.invite("TAMKY"))
    on_web = polling.person()
    await on_web.say(await polling.invite("HOIAN"))
    staff = TelegramUser(telegram_api, 8101)
    await staff.say(await polling.invite("SNV", role="staff"))

    await staff.say("/thongbao " + TEXT)
    assert "Gửi kèm một ảnh hoặc một tệp" in staff.last
    await telegram_api.user_sends_file(staff.id, "cong-van-123.pdf", LETTER)
    assert "Đã nhận tệp: cong-van-123.pdf." in "\n".join(staff.texts[-2:])
    await staff.tap("Danh sách mã đơn vị")
    await staff.say("TAMKY HOIAN")
    await staff.tap("Không")
    await staff.tap("Xác nhận gửi")
    assert "đang được gửi tới 2 người" in staff.last

    await telegram_api.wait_for(leader.id, TEXT, timeout=10)
    report = await telegram_api.wait_for(staff.id, "Thông báo #1 đã được chuyển đi", timeout=12)
    assert "Đã gửi: 1" in report and "Đang chờ trên trang web: 1" in report
    documents = [
        c for c in telegram_api.calls_of("sendDocument") if c.params["chat_id"] == leader.id
    ]
    assert len(documents) == 1
    assert documents[0].files["document"] == LETTER

    got = await on_web.inbox()
    assert [s.text for s in got] == [ANNOUNCED]
    assert await on_web.inbox() == []  # taken once


async def test_a_file_from_the_web_page_goes_out_as_a_link(bot: Bot) -> None:
    office, leader = bot.admin(), bot.person()
    await leader.say(await bot.invite("DAILOC"))
    assert bot.http is not None

    await office.say("/thongbao " + TEXT)
    body = {
        "id": "file-1",
        "file": {
            "name": "cong-van.pdf",
            "type": "application/pdf",
            "data": base64.b64encode(LETTER).decode(),
        },
    }
    status, answer = await office.post(body)
    assert status == 200
    texts = [r["text"] for r in answer["replies"]]
    assert "Đã nhận tệp: cong-van.pdf." in texts
    await office.say("/thongbao")  # starts over: a fresh draft keeps nothing of the last one
    await office.say(TEXT)
    assert (await office.post({**body, "id": "file-2"}))[0] == 200
    await office.press("bc:aud:all")  # the page's "Tất cả đơn vị đã liên kết"
    await office.tap("Không")
    await office.tap("Xác nhận")

    _, answer = await leader.post({}, "/api/inbox")
    replies = answer["replies"]
    assert [r["text"] for r in replies] == [ANNOUNCED]
    [file] = replies[0]["attachments"]
    assert file["name"] == "cong-van.pdf" and file["kind"] == "document"
    async with bot.http.get(file["url"]) as served:
        assert served.status == 200 and await served.read() == LETTER


async def test_a_broken_file_from_the_page_is_refused_politely(quick_bot: Bot) -> None:
    body = {"id": "x1", "file": {"name": "a.pdf", "data": "%%%"}}
    status, answer = await quick_bot.person().post(body)
    assert status == 400 and "base64" in answer["error"]
