"""Staff announcements end to end on Telegram: compose, choose units, deliver through the fake
Bot API (blocked chats, sending limits), the sender's progress and report, and «Đã nhận»."""

from __future__ import annotations

import re
from collections import Counter

from fakes.telegram_api import FakeTelegram
from harness import Bot
from sqlalchemy import select
from telegram_people import TelegramUser

from storage.models import Account

TEXT = "Đề nghị các đơn vị gửi báo cáo sơ kết trước ngày 15/6."
REPORT_WAIT = 12.0  # the worker polls every 0.5 s, the progress loop every 3 s


async def linked(bot: Bot, api: FakeTelegram, user_id: int, unit: str) -> TelegramUser:
    person = TelegramUser(api, user_id)
    await person.say("/start " + await bot.invite(unit))
    assert "Liên kết thành công!" in person.last
    return person


async def staff_member(bot: Bot, api: FakeTelegram, user_id: int = 8001) -> TelegramUser:
    staff = TelegramUser(api, user_id)
    await staff.say(await bot.invite("SNV", role="staff"))
    return staff


async def broadcast_to_units(
    staff: TelegramUser, codes: str, *, ack: bool, limits: bool = False
) -> int:
    """Compose TEXT for the typed unit codes and confirm; the announcement's number.

    With `limits`, the fake's sending limits are turned on just before confirming.
    """
    await staff.say("/thongbao")
    assert "Nhập nội dung thông báo" in staff.last
    await staff.say(TEXT)
    await staff.tap("Bỏ qua")
    await staff.tap("Danh sách mã đơn vị")
    await staff.say(codes)
    await staff.tap("Có" if ack else "Không")
    assert any(t.endswith("\n\n" + TEXT) for t in staff.texts[-3:]), staff.texts[
        -3:
    ]  # the preview
    if limits:
        staff.fake.enforce_limits(30, 1)
    await staff.tap("Xác nhận gửi")
    found = re.search(r"Thông báo #(\d+) đang được gửi tới", staff.last)
    assert found, staff.last
    return int(found.group(1))


async def report_of(api: FakeTelegram, staff: TelegramUser, number: int) -> str:
    """The sender's report at the end, once it has come."""
    return await api.wait_for(staff.id, f"Thông báo #{number} đã gửi xong.", REPORT_WAIT)


def copies(api: FakeTelegram, person: TelegramUser) -> int:
    return sum(1 for t in api.texts(person.id) if t.endswith("\n\n" + TEXT))


async def test_units_chosen_by_code_get_it_once_and_no_one_else(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    tamky = await linked(polling, telegram_api, 6001, "TAMKY")
    hoian = await linked(polling, telegram_api, 6002, "HOIAN")
    other = await linked(polling, telegram_api, 6003, "DAILOC")
    staff = await staff_member(polling, telegram_api)

    number = await broadcast_to_units(staff, "TAMKY, HOIAN", ack=False)
    assert f"Thông báo #{number} đang được gửi tới 2 người" in staff.last

    report = await report_of(telegram_api, staff, number)
    assert "Đã gửi: 2" in report
    assert copies(telegram_api, tamky) == 1 and copies(telegram_api, hoian) == 1
    assert copies(telegram_api, other) == 0
    assert not any(TEXT in t for t in other.texts)
    announced = next(
        m for m in telegram_api.sent(tamky.id) if (m.get("text") or "").endswith(TEXT)
    )
    assert not announced.get("reply_markup")  # no «Đã nhận» button when not asked for
    progress = [t for t in staff.texts if t.startswith(f"Thông báo #{number}: đã xử lý")]
    assert len(progress) <= 1  # edited in place, never a new message each time


async def test_a_blocked_recipient_is_counted_unreachable_and_marked(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    tamky = await linked(polling, telegram_api, 6101, "TAMKY")
    hoian = await linked(polling, telegram_api, 6102, "HOIAN")
    staff = await staff_member(polling, telegram_api)
    telegram_api.block(hoian.id)

    number = await broadcast_to_units(staff, "TAMKY, HOIAN", ack=False)
    report = await report_of(telegram_api, staff, number)
    assert "Đã gửi: 1" in report
    assert "Đã chặn bot hoặc rời đi: 1" in report
    assert "Quá 7 ngày chưa nhắn Zalo OA" not in report  # no one outside the window
    assert copies(telegram_api, tamky) == 1 and copies(telegram_api, hoian) == 0
    async with polling.app.db.transaction() as session:
        account = await session.scalar(select(Account).where(Account.user_id == str(hoian.id)))
        assert account is not None and account.blocked


async def test_sending_limits_lose_and_duplicate_nothing(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    units = ["TAMKY", "HOIAN", "DIENBAN", "DUYXUYEN", "DAILOC"]
    units += ["QUESON", "THANGBINH", "NUITHANH", "PHUNINH", "NONGSON"]
    leaders = [await linked(polling, telegram_api, 6200 + n, u) for n, u in enumerate(units)]
    staff = await staff_member(polling, telegram_api)

    number = await broadcast_to_units(staff, ", ".join(units), ack=False, limits=True)
    assert f"Thông báo #{number} đang được gửi tới 10 người" in staff.last
    report = await report_of(telegram_api, staff, number)
    assert "Đã gửi: 10" in report
    got = Counter({leader.id: copies(telegram_api, leader) for leader in leaders})
    assert all(n == 1 for n in got.values()), got
    print(f"rejected_429={telegram_api.rejected_429} refusals={telegram_api.refusals}")
    to_recipients = [r for r in telegram_api.refusals if r[1] != staff.id]
    assert to_recipients == []  # 10 sends fit in 30 a second, one to each chat
    assert telegram_api.rejected_429 <= 3, telegram_api.refusals  # only the sender's own chat
    assert sum(t.startswith(f"Thông báo #{number} đã gửi xong.") for t in staff.texts) == 1


async def test_a_leader_pressing_received_is_counted(
    polling: Bot, telegram_api: FakeTelegram
) -> None:
    tamky = await linked(polling, telegram_api, 6301, "TAMKY")
    await linked(polling, telegram_api, 6302, "HOIAN")
    staff = await staff_member(polling, telegram_api)

    number = await broadcast_to_units(staff, "TAMKY, HOIAN", ack=True)
    await telegram_api.wait_for(tamky.id, TEXT, REPORT_WAIT)
    await tamky.tap("Đã nhận")
    assert "Cảm ơn anh/chị" in tamky.last
    await report_of(telegram_api, staff, number)

    await staff.say("/thongbaocu")
    assert f"#{number}" in staff.last and "1 đơn vị đã bấm «Đã nhận»" in staff.last
