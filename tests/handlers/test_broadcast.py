"""Announcements over the web API: compose, choose the audience, preview, confirm, the inbox,
«Received», the list and the report; leaders cannot broadcast."""

from __future__ import annotations

from harness import Bot

TEXT = "Đề nghị các đơn vị gửi báo cáo sơ kết trước ngày 15/6."


async def test_a_broadcast_to_one_group_reaches_its_units_only(bot: Bot) -> None:
    office = bot.person("admin-session")
    in_group, elsewhere = bot.person(), bot.person()
    await in_group.say(await bot.invite("DAILOC"))
    await elsewhere.say(await bot.invite("SYT"))

    await office.say("/thongbao")
    assert "Nhập nội dung thông báo" in office.text
    await office.say(TEXT)
    await office.tap("Bỏ qua")
    await office.tap("Một số khối thi đua")
    group = [label for label, payload in office.last[-1].buttons if payload.startswith("bc:grp:")]
    district = next(label for label in group if "huyện" in label.lower())
    await office.tap(district)
    await office.tap("Xong")
    await office.tap("Có")
    assert TEXT in office.text and "Web: 1 người có thể nhận" in office.text
    await office.tap("Xác nhận")
    assert "Thông báo #1 đang được gửi tới 1 người" in office.text

    got = await in_group.inbox()
    assert [s.text for s in got] == [TEXT]
    assert await elsewhere.inbox() == []
    await in_group.tap("Đã nhận")
    assert "cơ quan thường trực đã biết" in in_group.text

    await office.say("/thongbaocu")
    assert "#1" in office.text and "1 đơn vị đã bấm «Đã nhận»" in office.text


async def test_a_leader_cannot_broadcast_nor_forge_its_buttons(quick_bot: Bot) -> None:
    leader = quick_bot.person(direct=True)
    await leader.say(await quick_bot.invite("SYT"))
    await leader.say("/thongbao")
    assert "chỉ dành cho cơ quan thường trực thi đua" in leader.text
    await leader.press("bcx:stop:1")
    assert "chỉ cơ quan thường trực thi đua mới gửi được thông báo" in leader.text
    await leader.press("bc:send")
    assert "Nút này không còn hiệu lực" in leader.text
