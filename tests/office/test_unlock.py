"""/mokhoa keeps the real history of a pledge's reopening, and a second one never shortens a
longer window without saying so."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from harness import Bot, linked
from sqlalchemy import select

from storage.models import PledgeRevision

VN = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_a_second_unlock_extends_or_says_why_not(bot: Bot) -> None:
    leader = await linked(bot, "HOIAN")
    await leader.say("/dangky")
    await leader.tap("Cờ thi đua")
    bot.clock.set(datetime(2027, 1, 2, 8, 0, tzinfo=VN))
    admin = bot.admin()
    await admin.say("/mokhoa HOIAN 10")
    assert admin.text == (
        "Bản đăng ký của UBND thành phố Hội An được phép chỉnh sửa đến 08:00 ngày 12/01/2027. "
        "Đã báo cho 1 lãnh đạo của đơn vị."
    )
    await admin.say("/mokhoa HOIAN 3")
    assert admin.text == (
        "Bản đăng ký của UBND thành phố Hội An đã được mở đến 08:00 ngày 12/01/2027, muộn hơn "
        "thời hạn vừa yêu cầu. Không có gì thay đổi."
    )
    pledge = await bot.pledge("HOIAN")
    assert pledge is not None and pledge.unlocked_until == datetime(2027, 1, 12, 8, tzinfo=VN)
    await admin.say("/mokhoa HOIAN 20")
    assert admin.text == (
        "Bản đăng ký của UBND thành phố Hội An được mở lâu hơn: đến 08:00 ngày 22/01/2027, "
        "thay vì 08:00 ngày 12/01/2027. Đã báo cho 1 lãnh đạo của đơn vị."
    )
    async with bot.app.db.transaction() as session:
        rows = list(
            await session.scalars(
                select(PledgeRevision)
                .where(PledgeRevision.field == "unlocked_until")
                .order_by(PledgeRevision.id)
            )
        )
    history = [
        (
            datetime.fromisoformat(r.old).astimezone(VN).day if r.old else None,
            datetime.fromisoformat(r.new).astimezone(VN).day,
        )
        for r in rows
    ]
    assert history == [(None, 12), (12, 22)]  # the real previous window, each time


async def test_a_unit_is_unlocked_by_its_name_and_one_that_never_registered_is_pointed_on(
    quick_bot: Bot,
) -> None:
    late = await linked(quick_bot, "TAYGIANG")  # linked, never registered
    quick_bot.clock.set(datetime(2027, 1, 2, 8, 0, tzinfo=VN))
    await late.say("/dangky")
    assert late.text == (
        "Hạn đăng ký đã kết thúc lúc 17:00 ngày 31/12/2026 và đơn vị chưa gửi bản đăng ký. Vui "
        "lòng liên hệ cơ quan thường trực thi đua để được mở lại việc đăng ký cho đơn vị.\n"
        "Cơ quan thường trực thi đua: Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Quảng Nam"
    )
    admin = quick_bot.admin()
    await admin.say("/mokhoa tay giang 5")  # the name without diacritics, not only the code
    assert admin.text == (
        "Bản đăng ký của UBND huyện Tây Giang được phép chỉnh sửa đến 08:00 ngày 07/01/2027. "
        "Đã báo cho 1 lãnh đạo của đơn vị."
    )
    await admin.say("/mokhoa hoi 5")  # several units hold «hội»: offered, the days kept
    assert all(p.endswith(" 5") for _, p in admin.last[0].buttons) and admin.last[0].buttons
    await admin.say("/mokhoa TAMKY abc")
    assert admin.text == "Số ngày phải là số nguyên từ 1 đến 90."
    await late.say("/dangky")
    assert "(1/9)" in late.text


async def test_the_reopened_units_leaders_are_told_until_when(bot: Bot) -> None:
    leader = await linked(bot, "HOIAN")
    other = await linked(bot, "TAMKY")
    bot.clock.set(datetime(2027, 1, 2, 8, 0, tzinfo=VN))
    admin = bot.admin()
    await admin.say("/mokhoa HOIAN 3")
    assert admin.text.endswith("Đã báo cho 1 lãnh đạo của đơn vị.")
    [told] = await leader.inbox()
    assert told.text == (
        "Cơ quan thường trực thi đua đã mở lại việc đăng ký cho đơn vị đến 08:00 ngày "
        "05/01/2027. Gửi /dangky để hoàn thành và gửi bản đăng ký."
    )
    await leader.tap("Đăng ký ngay")
    assert "(1/9)" in leader.text and "được mở lại đến 08:00 ngày 05/01/2027" in leader.text
    assert await other.inbox() == []
