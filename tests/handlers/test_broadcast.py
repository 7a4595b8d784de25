"""Announcements over the web API: compose, choose the audience, preview, confirm, the inbox,
«Received», the list and the report; leaders cannot broadcast."""

from __future__ import annotations

from harness import Bot

TEXT = "Đề nghị các đơn vị gửi báo cáo sơ kết trước ngày 15/6."


async def test_a_broadcast_to_one_group_reaches_its_units_only(bot: Bot) -> None:
    office = bot.admin()
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
    assert [s.text for s in got] == [
        f"📢 Thông báo của cơ quan thường trực thi đua (#1)\n\n{TEXT}"
    ]
    assert await elsewhere.inbox() == []
    await in_group.tap("Đã nhận")
    assert "Đã ghi nhận đơn vị nhận được thông báo" in in_group.text

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


async def test_a_typed_received_counts_and_a_resend_confirms_the_first_too(bot: Bot) -> None:
    office, leader, late = bot.admin(), bot.person(), bot.person()
    await leader.say(await bot.invite("TAMKY"))
    await office.say("/thongbao " + TEXT)
    await office.tap("Bỏ qua")
    await office.tap("Danh sách mã đơn vị")
    await office.say("tam ky, HOIAN")  # a name without diacritics, a code
    await office.tap("Có")
    assert "Gửi tới các đơn vị: HOIAN (" in office.text and ", TAMKY (" in office.text
    assert "Đơn vị chưa có ai liên kết nên sẽ không nhận được (1): HOIAN" in office.text
    await office.tap("Xác nhận")
    await leader.inbox()
    await leader.say("đã nhận")  # typed, not pressed
    assert "Đã ghi nhận đơn vị nhận được thông báo" in leader.text

    await late.say(await bot.invite("HOIAN"))  # Hội An links only now
    await office.press("bcx:open:1")
    assert "Đơn vị chưa ai nhận được (1): HOIAN" in office.text
    await office.tap("Gửi lại cho đơn vị chưa nhận được")
    assert "Gửi tới các đơn vị: HOIAN" in office.text
    await office.tap("Xác nhận")
    assert "Thông báo #2 đang được gửi tới 1 người" in office.text
    await late.inbox()
    await late.tap("Đã nhận")
    await office.say("/thongbaocu")
    assert "#1" in office.text and "2 đơn vị đã bấm «Đã nhận»" in office.text
    await office.press("bcx:open:1")  # the resend reached Hội An: #1 misses no one now
    assert "chưa ai nhận được" not in office.text and "Gửi lại" not in office.text


async def test_cancel_keeps_the_draft_and_a_file_may_come_first(bot: Bot) -> None:
    office = bot.admin()
    await office.say("/thongbao")
    await office.say("x" * 4001)
    assert "Thông báo dài 4.001 ký tự, vượt quá 4.000 ký tự cho phép" in office.text
    await office.say(TEXT)
    await office.say("/huy")
    assert "thông báo chưa được gửi" in office.text
    await office.say("/thongbao")
    assert f"«{TEXT[:40]}" in office.text
    await office.tap("Soạn tiếp")
    assert "Gửi kèm một ảnh hoặc một tệp" in office.text
    await office.say("/huy")
    await office.say("/thongbao")
    await office.tap("Soạn thông báo mới")
    assert "Nhập nội dung thông báo" in office.text


async def test_nobody_to_send_to_offers_other_recipients_not_confirm(quick_bot: Bot) -> None:
    office = quick_bot.admin(direct=True)
    await office.say("/thongbao " + TEXT)
    await office.tap("Bỏ qua")
    await office.tap("Chỉ cán bộ và quản trị viên")
    assert "Gửi tới: cán bộ và quản trị viên, trừ anh/chị (0 người)" in office.text
    assert not [b for s in office.last for b in s.buttons if "Xác nhận" in b[0]]
    await office.tap("Chọn lại người nhận")
    assert "Anh/chị muốn gửi thông báo tới những ai?" in office.text


async def test_typed_units_forgive_prefixes_and_typos_and_keep_what_matched(
    quick_bot: Bot,
) -> None:
    office = quick_bot.admin(direct=True)
    await office.say("/thongbao " + TEXT)
    await office.tap("Bỏ qua")
    await office.tap("Danh sách mã đơn vị")
    await office.say("Nông Sơn, HOIANN")
    assert "Không có đơn vị nào là «HOIANN». Có phải anh/chị muốn chọn HOIAN" in office.text
    assert "Đã ghi nhận: NONGSON." in office.text
    await office.say("ubnd huyen duy xuyen")  # the missing one, typed in full: on to the next step
    await office.tap("Không")
    assert "Gửi tới các đơn vị: DUYXUYEN (" in office.text and "NONGSON (" in office.text


async def test_a_draft_resumed_at_the_preview_shows_the_preview_again(quick_bot: Bot) -> None:
    office = quick_bot.admin(direct=True)
    leader = quick_bot.person(direct=True)
    await leader.say(await quick_bot.invite("TAMKY"))
    await office.say("/thongbao " + TEXT)
    await office.tap("Bỏ qua")
    await office.tap("Tất cả đơn vị đã liên kết")
    await office.tap("Có")
    await office.say("/huy")
    await office.say("/thongbao")
    await office.tap("Soạn tiếp")
    assert "Xem trước" in office.text and TEXT in office.text
    await office.tap("Xác nhận")
    assert "đang được gửi tới 1 người thuộc 1 đơn vị" in office.text
    await leader.inbox()
    await leader.say("da nhan roi, cam on")
    assert "Đã ghi nhận đơn vị nhận được thông báo #1" in leader.text
