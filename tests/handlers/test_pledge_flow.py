"""The whole pledge registration, as a leader does it in the web chat, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from harness import VN, Bot, Clock, linked, register_everything

from storage.pledges import list_revisions


async def test_leader_links_registers_and_sees_the_pledge_after_a_restart(bot: Bot) -> None:
    leader = bot.person()
    await leader.say("/start")
    assert "gửi mã mời" in leader.text
    await leader.say(await bot.invite("TAMKY"))
    assert "UBND thành phố Tam Kỳ" in leader.text and "lãnh đạo đơn vị" in leader.text

    await leader.say("/dangky")
    assert (
        "(1/9)" in leader.text
        and "Hạn đăng ký: 17:00 ngày 31/12/2026 (còn 41 ngày)" in leader.text
    )
    await leader.tap("Tập thể lao động xuất sắc")
    assert "Đã lưu: Tập thể lao động xuất sắc" in leader.text and "(2/9)" in leader.text
    await leader.say("3")

    await bot.restart()  # the person goes on as if nothing happened
    await leader.say("25")
    assert "Đã lưu: 25" in leader.text and "(4/9)" in leader.text
    await leader.say("1.200")
    assert "Đã lưu: 1.200" in leader.text and "(5/9)" in leader.text
    await leader.tap("Kiện toàn")
    assert ("✓ Kiện toàn tổ chức bộ máy và cán bộ", "f:movements:opt:kien_toan") in (
        leader.last[0].buttons
    )
    await leader.say("6")  # a typed number picks the sixth movement
    await leader.tap("Xong")
    assert "(6/9)" in leader.text
    await leader.say("Giải quyết 100% hồ sơ đúng hạn")
    await leader.say("Trồng 5.000 cây xanh trong năm")  # one line on a phone, not the question
    assert leader.text == (
        "Đã thêm (2/10): «Trồng 5.000 cây xanh trong năm». "
        "Gửi chỉ tiêu tiếp theo, hoặc bấm «Xong»."
    )
    await leader.tap("Xong")
    await leader.say("Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024")
    await leader.say("Nguyễn Văn An")
    await leader.say("+84 905 123 456")
    summary = leader.text
    assert "Trạng thái: bản nháp, đã trả lời 9/9 câu, chưa nộp." in summary
    assert "Số điện thoại liên hệ: 0905 123 456" in summary
    assert (
        "Phong trào thi đua tham gia: Kiện toàn tổ chức bộ máy và cán bộ; Đẩy mạnh chuyển đổi số"
        in summary
    )
    await leader.tap("Xác nhận")
    assert "đã được gửi lúc 09:00 ngày 20/11/2026" in leader.text

    await bot.restart()
    await leader.say("/xem")
    assert "Bản đăng ký thi đua của UBND thành phố Tam Kỳ" in leader.text
    assert "Trạng thái: đã gửi lúc 09:00 ngày 20/11/2026." in leader.text
    assert "Lao động tiên tiến: 1.200" in leader.text and "Nguyễn Văn An" in leader.text
    pledge = await bot.pledge("TAMKY")
    assert pledge is not None and pledge.status == "submitted"
    assert pledge.fields["contact_phone"] == "0905123456"
    assert pledge.fields["targets"] == [
        "Giải quyết 100% hồ sơ đúng hạn",
        "Trồng 5.000 cây xanh trong năm",
    ]
    assert pledge.fields["movements"] == ["kien_toan", "chuyen_doi_so"]
    assert pledge.submitted_at == datetime(2026, 11, 20, 9, 0, tzinfo=VN)


async def test_amending_a_submitted_pledge_keeps_its_history(bot: Bot, clock: Clock) -> None:
    leader = await linked(bot, "SNV")
    await register_everything(leader)
    clock.advance(days=2)
    await leader.say("/xem")
    await leader.tap("Sửa một mục")
    await leader.tap("Chiến sĩ thi đua cấp tỉnh")
    assert "Hiện tại: 3" in leader.text
    await leader.say("4")
    assert "Chiến sĩ thi đua cấp tỉnh: 4" in leader.text
    assert "Sửa lần cuối lúc 09:00 ngày 22/11/2026" in leader.text
    await leader.tap("Đóng")
    pledge = await bot.pledge("SNV")
    assert pledge is not None and pledge.status == "submitted" and pledge.fields["cstd_tinh"] == 4
    async with bot.app.db.transaction() as session:
        history = await list_revisions(session, pledge.id)
    changes = [(r.old, r.new, r.at.astimezone(VN).day) for r in history if r.field == "cstd_tinh"]
    assert changes == [(None, 3, 20), (3, 4, 22)]
    assert [r.new for r in history if r.field == "status"] == ["submitted"]


async def test_a_submitted_pledge_is_never_left_without_a_target_or_a_movement(
    quick_bot: Bot,
) -> None:
    leader = await linked(quick_bot, "PHUOCSON")
    await register_everything(leader)
    await leader.say("/xem")
    await leader.tap("Sửa một mục")
    await leader.say("chi tieu trong tam")  # part of a label, typed without marks
    await leader.say("xóa 2")
    await leader.say("xóa 1")
    assert "Bản đăng ký đã gửi phải giữ ít nhất một mục ở đây" in leader.text
    await leader.say("xong")  # typed, as the «Xong» button
    assert "Bản đăng ký thi đua của" in leader.text
    await leader.tap("Sửa một mục")
    await leader.say("phong trao")
    await leader.tap("Kiện toàn")
    await leader.tap("chuyển đổi số")  # the last one picked
    assert "Bản đăng ký đã gửi phải giữ ít nhất một mục ở đây" in leader.text
    pledge = await quick_bot.pledge("PHUOCSON")
    assert pledge is not None and pledge.status == "submitted"
    assert len(pledge.fields["targets"]) == 1 and pledge.fields["movements"] == ["chuyen_doi_so"]
    await leader.say("/xem")  # once, though the summary step was open
    assert sum("Bản đăng ký thi đua của" in said.text for said in leader.last) == 1


async def test_after_the_deadline_the_pledge_is_locked_until_an_admin_reopens_it(
    bot: Bot, clock: Clock
) -> None:
    leader = await linked(bot, "HOIAN")
    await leader.say("/dangky")
    await leader.tap("Cờ thi đua")
    clock.set(datetime(2027, 1, 2, 8, 0, tzinfo=VN))
    await leader.say("2")
    assert "đã kết thúc lúc 17:00 ngày 31/12/2026" in leader.text
    await leader.say("/dangky")  # a draft, never submitted: the office is the way on
    assert "đơn vị chưa gửi bản đăng ký. Vui lòng liên hệ cơ quan thường trực" in leader.text

    admin = bot.admin()
    await admin.say("/mokhoa HOIAN 3")
    assert "được phép chỉnh sửa đến 08:00 ngày 05/01/2027" in admin.text
    await leader.say("/dangky")
    assert "tiếp tục từ chỗ đang dừng" in leader.text and "(2/9)" in leader.text
    clock.advance(days=4)
    await leader.say("2")
    assert "đã kết thúc" in leader.text
    pledge = await bot.pledge("HOIAN")
    assert pledge is not None and "cstd_tinh" not in pledge.fields


async def test_two_leaders_of_one_unit_share_one_pledge(bot: Bot) -> None:
    first = await linked(bot, "DAILOC")
    second = await linked(bot, "DAILOC")
    await first.say("/dangky")
    await first.tap("Bằng khen")
    await second.say("/dangky")
    assert "tiếp tục từ chỗ đang dừng" in second.text and "(2/9)" in second.text
    await second.say("/xem")
    assert "Danh hiệu tập thể đăng ký: Bằng khen của Chủ tịch UBND tỉnh" in second.text
