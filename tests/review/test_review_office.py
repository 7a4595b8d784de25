"""What the review reports change for the office and the reminders, on SQLite and PostgreSQL:
reminders stop for a unit that submitted its report, /status and the chart count the reports
and flag a unit mostly at risk, the workbook has a sheet per review, leaders ask in words."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import openpyxl
from harness import VN, Bot, linked
from reviewing import TARGETS, download, pledge_three_targets, report_all, tick_until


async def test_reminders_stop_for_a_unit_that_submitted_its_report(bot: Bot) -> None:
    done, late = await linked(bot, "TAMKY"), await linked(bot, "HOIAN")
    unpledged = await linked(bot, "QUESON")
    await pledge_three_targets(done)
    await pledge_three_targets(late)
    bot.clock.set(datetime(2027, 5, 20, 9, 0, tzinfo=VN))
    await report_all(done, ("Đã đạt", "Đúng tiến độ", "Đúng tiến độ"))
    await late.say("/baocao")
    await late.say("Đạt 60%")  # a draft: still owed
    await late.say("/huy")

    until = datetime(2027, 6, 19, 9, 0, tzinfo=VN)
    chats = {"done": done, "late": late, "unpledged": unpledged}
    got = await tick_until(bot, until, chats, timedelta(hours=6))
    assert got["done"] == []
    steps = [at.date() for at, _ in got["late"]]
    assert steps == [
        datetime(2027, 6, 1).date(),
        datetime(2027, 6, 8).date(),
        datetime(2027, 6, 12).date(),
        datetime(2027, 6, 14).date(),
        datetime(2027, 6, 15).date(),
        datetime(2027, 6, 18).date(),  # overdue
    ]
    first, overdue = got["late"][0][1], got["late"][-1][1]
    assert first.text.splitlines()[0] == "⏰ Nhắc hạn: Báo cáo sơ kết 6 tháng"
    assert ", báo cáo: bản nháp, đã trả lời 1/13 câu." in first.text
    assert [label for label, _ in first.buttons] == ["▶️ Tiếp tục", "🔔 Nhắc lại sau"]
    assert overdue.text.startswith("⏰ Quá hạn: Báo cáo sơ kết 6 tháng")
    assert overdue.buttons[0][0] == "✉️ Xin mở lại"
    told = got["unpledged"][0][1]  # nothing to report against: the office, not a button
    assert "UBND huyện Quế Sơn, báo cáo: chưa có bản đăng ký để báo cáo." in told.text
    assert "Đơn vị chưa gửi bản đăng ký thi đua nên không có gì để báo cáo." in told.text
    assert [label for label, _ in told.buttons] == ["🔔 Nhắc lại sau"]


async def test_status_chart_and_workbook_show_each_review(bot: Bot) -> None:
    ahead, behind = await linked(bot, "TAMKY"), await linked(bot, "HOIAN")
    await pledge_three_targets(ahead)
    await pledge_three_targets(behind)
    bot.clock.set(datetime(2027, 5, 20, 9, 0, tzinfo=VN))
    await report_all(ahead, ("Đã đạt", "Đúng tiến độ", "Có nguy cơ"))
    await report_all(behind, ("Có nguy cơ", "Không đạt", "Đúng tiến độ"))

    admin = bot.admin()
    await admin.say("/tinhhinh")
    text = admin.text
    mid_year = text.split("Báo cáo sơ kết 6 tháng: hạn 17:00 ngày 15/06/2027, còn 26 ngày.")[1]
    assert mid_year.splitlines()[1].startswith("54 đơn vị: ✅ 2 (4%) · 📝 0 (0%) · ⬜ 52 (96%)")
    assert "⚠️ Phần lớn chỉ tiêu có nguy cơ không đạt: HOIAN" in mid_year
    await admin.tap("📈 Báo cáo sơ kết")  # the chart of the review
    [chart] = admin.last
    assert chart.text.startswith("📈 Báo cáo sơ kết 6 tháng, lúc 09:00 ngày 20/05/2027: 2/54")
    assert chart.files[0]["kind"] == "image"
    await admin.say("/tinhhinh HOIAN")
    assert "Báo cáo sơ kết 6 tháng: hạn 17:00 ngày 15/06/2027, còn 26 ngày.\n✅ Đã gửi lúc" in (
        admin.text
    )
    assert "⚠️ Phần lớn chỉ tiêu có nguy cơ không đạt hoặc không đạt." in admin.text

    await admin.say("/xuatexcel")
    data = await download(bot, admin.last[0].files[0]["url"])
    await admin.say("đơn vị nào chưa nộp báo cáo sơ kết")
    assert admin.text.startswith("📋 Chưa gửi (Báo cáo sơ kết 6 tháng): 52 đơn vị")
    await admin.say("/chuadangky sơ kết kinh tế")
    assert "Khối các cơ quan kinh tế" in admin.text and "(Báo cáo sơ kết 6 tháng): 7" in admin.text
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Báo cáo sơ kết 6 tháng"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Mã đơn vị",
        "Đơn vị",
        "Khối, cụm thi đua",
        "Báo cáo",
        "STT",
        "Đã đăng ký",
        "Kết quả đạt được",
        "Tự đánh giá",
        "Gửi lúc",
        "Tóm tắt kết quả",
        "Khó khăn, vướng mắc",
        "Đề xuất, kiến nghị",
        "Bản báo cáo có chữ ký",
    ]
    hoian = [r for r in rows if r[0] == "HOIAN"]
    assert hoian[0][9:] == [
        "Đơn vị hoàn thành phần lớn chỉ tiêu sáu tháng đầu năm",
        "Không",
        "Không",
        "gửi bằng cách khác, không qua bot",
    ]
    assert all(r[9:] == [None] * 4 for r in hoian[1:])  # the unit's own answers: once
    assert [r[4:8] for r in hoian] == [
        [1, TARGETS[0], "Kết quả 1: đạt 50%", "Có nguy cơ không đạt"],
        [2, TARGETS[1], "Kết quả 2: đạt 50%", "Không đạt"],
        [3, TARGETS[2], "Kết quả 3: đạt 50%", "Đúng tiến độ"],
        [None, "Chiến sĩ thi đua cấp tỉnh: 3", 2, None],
        [None, "Chiến sĩ thi đua cơ sở: 25", 20, None],
        [None, "Lao động tiên tiến: 1.200", 1000, None],
    ]
    assert {r[3] for r in hoian} == {"Đã gửi ⚠️"}
    assert hoian[0][8] == datetime(2027, 5, 20, 9, 0)
    assert [r[3] for r in rows if r[0] == "TAMKY"] == ["Đã gửi"] * 6
    untouched = [r for r in rows if r[0] == "QUESON"]
    assert untouched == [["QUESON", untouched[0][1], untouched[0][2], "Chưa bắt đầu"] + [None] * 9]
    assert len(rows) == 1 + 6 + 6 + 52
    history = openpyxl.load_workbook(io.BytesIO(data))["Lịch sử"]
    changes = [
        [c.value for c in row][2:6] for row in history.iter_rows() if row[1].value == "HOIAN"
    ]
    assert [
        "UBND thành phố Hội An",
        "Báo cáo sơ kết 6 tháng: Tự đánh giá chỉ tiêu 2",
        "",
        "❌ Không đạt",
    ] in [[u, w, b or "", a] for u, w, b, a in changes]
    assert changes[-1][1:] == ["Báo cáo sơ kết 6 tháng: gửi báo cáo", "Bản nháp", "Đã gửi"]


async def test_a_leader_asks_about_the_review_in_words(bot: Bot) -> None:
    leader = await linked(bot, "TAMKY")
    await pledge_three_targets(leader)
    await leader.say("đơn vị tôi đã nộp báo cáo sơ kết chưa")
    assert "Báo cáo sơ kết 6 tháng: 17:00 ngày 15/06/2027 (còn 207 ngày)." in leader.text
    assert "UBND thành phố Tam Kỳ. Báo cáo sơ kết 6 tháng: bắt đầu từ 17:00 ngày 31/12/2026." in (
        leader.text
    )
    await leader.say("hạn nộp báo cáo tổng kết")
    assert leader.text.startswith("Báo cáo tổng kết năm: 17:00 ngày 15/11/2027 (còn 360 ngày).")
    bot.clock.set(datetime(2027, 5, 20, 9, 0, tzinfo=VN))
    await leader.say("/trogiup")  # registration is over: what the unit does now is report
    assert "Gửi /baocao để báo cáo sơ kết, tổng kết theo bản đăng ký" in leader.text
    assert leader.last[-1].buttons[0][0] == "📝 Báo cáo"
    await report_all(leader, ("Đã đạt", "Đúng tiến độ", "Đúng tiến độ"))
    await leader.say("don vi minh nop bao cao so ket chua")
    assert "UBND thành phố Tam Kỳ. Báo cáo sơ kết 6 tháng: đã gửi lúc 09:00 ngày 20/05/2027." in (
        leader.text
    )

    office = bot.admin()
    await office.say("bao nhiêu đơn vị đã nộp báo cáo sơ kết")
    assert office.text.startswith("Báo cáo sơ kết 6 tháng: 1/54 đơn vị đã gửi")
    await office.tap("Đơn vị chưa gửi")  # the review's list, not registration's
    assert office.text.startswith("📋 Chưa gửi (Báo cáo sơ kết 6 tháng): 53 đơn vị")
    await office.say("Tam Kỳ nộp báo cáo sơ kết chưa")
    assert office.text.startswith("📊 UBND thành phố Tam Kỳ (TAMKY)")
    assert "Báo cáo sơ kết 6 tháng: hạn 17:00 ngày 15/06/2027, còn 26 ngày.\n✅ Đã gửi lúc" in (
        office.text
    )
    await office.say("/baocao")
    assert office.text.startswith("Các đơn vị báo cáo bằng /baocao.")
