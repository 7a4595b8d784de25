"""The review report over Telegram, through the real python-telegram-bot client and the fake Bot
API: buttons, a typed answer, the signed report sent as a PDF, the office receiving it."""

from __future__ import annotations

from datetime import datetime

from fakes.telegram_api import FakeTelegram
from harness import VN, Clock
from reviewing import PDF
from sqlalchemy import select
from telegram_people import TelegramUser, telegram_bot

from storage.models import Report


async def test_a_leader_reports_on_telegram_and_the_office_gets_the_signed_copy(
    telegram_api: FakeTelegram, sqlite_url: str, clock: Clock
) -> None:
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling") as bot:
        leader = TelegramUser(telegram_api, 5101)
        await leader.say("/start " + await bot.invite("QUESON"))
        await leader.say("/dangky")
        await leader.tap("Tập thể lao động tiên tiến")
        for count in ("1", "10", "300"):
            await leader.say(count)
        await leader.tap("Kiện toàn")
        await leader.tap("Xong")
        await leader.say("Giải quyết 100% hồ sơ đúng hạn\nTrồng 2.000 cây xanh")
        await leader.tap("Xong")
        await leader.say("Đơn vị cam kết hoàn thành tốt nhiệm vụ năm 2024")
        await leader.say("Trần Thị Bình")
        await leader.say("0935 111 222")
        await leader.tap("Xác nhận")

        clock.set(datetime(2027, 6, 10, 9, 0, tzinfo=VN))
        await leader.say("/baocao")
        assert "(1/11) Chỉ tiêu 1: «Giải quyết 100% hồ sơ đúng hạn»" in leader.last
        await leader.say("Đạt 97%")
        await leader.tap("Đã đạt")
        await leader.say("1.500 cây")
        await leader.tap("Đúng tiến độ")
        for count in ("1", "8", "300"):
            await leader.say(count)
        await leader.say("Hoàn thành tốt các chỉ tiêu sáu tháng đầu năm")
        await leader.say("Không")
        await leader.say("Không")
        assert "(11/11)" in leader.last
        await telegram_api.user_sends_file(5101, "bao-cao-so-ket-queson.pdf", PDF)
        await telegram_api.wait_for(5101, "Vui lòng kiểm tra")
        summary = telegram_api.calls_of("sendMessage")[-1].params["text"]
        assert "<b>Báo cáo sơ kết 6 tháng của UBND huyện Quế Sơn</b>" in summary
        assert "(11) Bản báo cáo có chữ ký: tệp bao-cao-so-ket-queson.pdf" in summary
        await leader.tap("Xác nhận và gửi")
        assert "Báo cáo sơ kết 6 tháng của đơn vị đã được gửi lúc 09:00 ngày 10/06/2027" in (
            leader.last
        )

        office = TelegramUser(telegram_api, 42)  # an admin by the settings
        await office.say("/xem QUESON")
        await telegram_api.wait_for(42, "Bản báo cáo có chữ ký:")
        [sent] = [c for c in telegram_api.calls_of("sendDocument") if c.params["chat_id"] == 42]
        assert sent.files["document"] == PDF
        assert sent.params["document_filename"] == "bao-cao-so-ket-queson.pdf"
        assert any("→ 1.500 cây · 🟢 Đúng tiến độ" in t for t in office.texts)
        async with bot.app.db.transaction() as db:
            [kept] = list(await db.scalars(select(Report)))
        assert kept.status == "submitted" and kept.fields["copy.signed"]["kind"] == "document"
