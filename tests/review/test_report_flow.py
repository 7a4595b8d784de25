"""The mid-year and year-end review report, as a unit's leader does it in the web chat, on SQLite
and PostgreSQL: built from the unit's own pledge, every answer saved, back, edit, confirm, lock."""

from __future__ import annotations

import base64
from datetime import datetime

from harness import VN, Bot, linked
from reviewing import PDF, TARGETS, pledge_three_targets
from sqlalchemy import select

from storage.models import Media, Report
from storage.reviews import list_revisions


async def test_a_unit_reports_its_three_targets_edits_one_and_submits(bot: Bot) -> None:
    leader = await linked(bot, "TAMKY")
    await pledge_three_targets(leader)
    await leader.say("/baocao")  # results are reported once the year has begun
    assert leader.text.startswith("Báo cáo sơ kết 6 tháng bắt đầu từ 17:00 ngày 31/12/2026")
    bot.clock.set(datetime(2027, 3, 2, 9, 0, tzinfo=VN))

    await leader.say("/baocao")
    assert "Báo cáo sơ kết 6 tháng: 13 câu hỏi, dựng từ bản đăng ký của đơn vị" in leader.text
    assert "(1/13) Chỉ tiêu 1: «Giải quyết 100% hồ sơ đúng hạn»" in leader.text
    await leader.say("Đạt 92% hồ sơ đúng hạn")
    assert leader.text.startswith("Đã lưu: Đạt 92% hồ sơ đúng hạn")
    assert "(2/13) Chỉ tiêu 1 đến nay ở mức nào?" in leader.text
    assert [label for label, _ in leader.last[0].buttons][:4] == [
        "Đã đạt",
        "Đúng tiến độ",
        "Có nguy cơ không đạt",
        "Không đạt",
    ]
    await leader.tap("Đúng tiến độ")
    await leader.say("3.100 cây")

    await bot.restart()  # nothing typed is lost: the report goes on at question 4
    await leader.say("có nguy cơ")  # an option typed, not pressed
    assert "Đã lưu: ⚠️ Có nguy cơ không đạt" in leader.text and "(5/13)" in leader.text
    await leader.say("quay lại")
    assert "(4/13)" in leader.text and "Hiện tại: ⚠️ Có nguy cơ không đạt" in leader.text
    await leader.tap("Có nguy cơ")
    await leader.say("Đã tổ chức 7 buổi")
    await leader.tap("Đúng tiến độ")
    assert "(7/13)" in leader.text and "Bản đăng ký ghi 3." in leader.text
    await leader.say("2")
    await leader.say("30")
    assert "Số này nhiều hơn số 25 đã đăng ký." in leader.text
    await leader.say("1.100")
    await leader.say("Đơn vị hoàn thành phần lớn chỉ tiêu sáu tháng đầu năm")
    await leader.say("hạn nộp báo cáo tổng kết")  # a question, not the answer
    assert "Báo cáo tổng kết năm: 17:00 ngày 15/11/2027" in leader.text
    assert leader.last[-1].text.startswith("(11/13)")
    await leader.say("Thiếu kinh phí trồng cây")
    await leader.say("Không")
    assert "(13/13)" in leader.text and "bản báo cáo có chữ ký" in leader.text
    data = base64.b64encode(PDF).decode()
    wrong = {"name": "tong-hop.exe", "type": "application/octet-stream", "data": data}
    await leader._send({"text": "", "file": wrong})
    assert leader.text.startswith("«tong-hop.exe» không phải tệp PDF hay ảnh chụp.")
    signed = {"name": "bao-cao-so-ket.pdf", "type": "application/pdf", "data": data}
    await leader._send({"text": "", "file": signed})
    summary = leader.text
    assert "Đã lưu: tệp bao-cao-so-ket.pdf" in summary
    assert "Báo cáo sơ kết 6 tháng của UBND thành phố Tam Kỳ" in summary
    assert "Trạng thái: bản nháp, đã trả lời 13/13 câu, chưa nộp." in summary
    assert "2. Trồng 5.000 cây xanh trong năm\n   (3) Kết quả: 3.100 cây" in summary
    assert "(8) Đề nghị: Chiến sĩ thi đua cơ sở: 30 (đã đăng ký 25)" in summary

    await leader.tap("Sửa một mục")  # one edit from the summary
    await leader.tap("3. Kết quả chỉ tiêu 2")
    assert "Hiện tại: 3.100 cây" in leader.text
    await leader.say("3.400 cây")
    assert "Đã lưu: 3.400 cây" in leader.text and "(3) Kết quả: 3.400 cây" in leader.text
    await leader.say("ok")
    assert "Gửi báo cáo đến cơ quan thường trực thi đua ngay bây giờ?" in leader.text
    await leader.tap("Xác nhận và gửi")
    assert "Báo cáo sơ kết 6 tháng của đơn vị đã được gửi lúc 09:00 ngày 02/03/2027" in leader.text

    async with bot.app.db.transaction() as db:
        [kept] = list(await db.scalars(select(Report)))
        history = await list_revisions(db, kept.id)
        copy = await db.scalar(
            select(Media).where(Media.token == kept.fields["copy.signed"]["ref"])
        )
    assert kept.status == "submitted" and kept.pledged["targets"] == list(TARGETS)
    assert kept.pledged["titles"] == {"cstd_tinh": 3, "cstd_co_so": 25, "ld_tien_tien": 1200}
    assert kept.fields["result.2"] == "3.400 cây" and kept.fields["assess.2"] == "at_risk"
    assert (
        kept.fields["proposed.cstd_co_so"] == 30 and kept.fields["proposed.ld_tien_tien"] == 1100
    )
    assert copy is not None and copy.data == PDF and copy.keep_until is not None
    changed = [(r.field, r.old, r.new) for r in history if r.field == "result.2"]
    assert changed == [("result.2", None, "3.100 cây"), ("result.2", "3.100 cây", "3.400 cây")]
    assert history[-1].field == "status" and history[-1].new == "submitted"

    await leader.say("/xem")  # the pledge, then pledged against reached per target
    beside = leader.last[1].text
    assert beside.startswith(
        "Đăng ký và kết quả đạt được (Báo cáo sơ kết 6 tháng, đã gửi lúc 09:00 ngày 02/03/2027):"
    )
    assert "• Khó khăn, vướng mắc: Thiếu kinh phí trồng cây" in beside
    assert "2. Trồng 5.000 cây xanh trong năm\n   → 3.400 cây · ⚠️ Có nguy cơ không đạt" in beside
    assert "• Chiến sĩ thi đua cấp tỉnh: đăng ký 3, đề nghị 2" in beside

    await leader.say("/baocao")  # a submitted report opens at its summary, to amend
    assert "Trạng thái: đã gửi lúc 09:00 ngày 02/03/2027." in leader.text
    assert [label for label, _ in leader.last[0].buttons] == ["✏️ Sửa một mục", "Đóng"]
    summary_buttons = leader.last
    await leader.say("/trogiup")  # the person leaves; the summary's buttons still act
    leader.last = summary_buttons
    await leader.tap("Sửa một mục")
    assert leader.text == "Anh/chị muốn sửa mục nào?"
    await leader.tap("12. Đề xuất")
    await leader.say("Đề nghị hỗ trợ kinh phí trồng cây")
    assert "(12) Đề xuất, kiến nghị: Đề nghị hỗ trợ kinh phí trồng cây" in leader.text


async def test_the_report_locks_at_its_deadline_and_the_office_reopens_it(bot: Bot) -> None:
    leader = await linked(bot, "TAMKY")
    await pledge_three_targets(leader)
    bot.clock.set(datetime(2027, 6, 1, 9, 0, tzinfo=VN))
    await leader.say("/baocao")
    await leader.say("Đạt 92% hồ sơ đúng hạn")

    bot.clock.set(datetime(2027, 6, 15, 17, 0, tzinfo=VN))  # the mid-year review closes
    await leader.tap("Đã đạt")  # a button pressed too late saves nothing
    assert "Báo cáo sơ kết 6 tháng đã hết hạn lúc 17:00 ngày 15/06/2027" in leader.text
    admin = bot.admin()
    await admin.say("/trogiup")  # the office is in the bot: a request reaches it
    await leader.say("/baocao")  # the year-end review is open, but the mid-year one comes first
    assert leader.text.startswith("Báo cáo sơ kết 6 tháng đã hết hạn lúc 17:00 ngày 15/06/2027")
    assert [label for label, _ in leader.last[0].buttons] == [
        "✉️ Xin mở lại",
        "📝 Báo cáo tổng kết năm",
    ]
    await leader.tap("Xin mở lại")
    assert leader.text.startswith("Đề nghị mở lại báo cáo đã được gửi tới cơ quan thường trực")
    assert any("mở lại “Báo cáo sơ kết 6 tháng”" in s.text for s in await admin.inbox())

    await admin.say("/mokhoa TAMKY sơ kết 3")
    assert admin.text == (
        "Báo cáo sơ kết 6 tháng của UBND thành phố Tam Kỳ được mở lại đến 17:00 ngày 18/06/2027. "
        "Đã báo cho 1 lãnh đạo của đơn vị."
    )
    [told] = await leader.inbox()
    assert told.text.startswith("Cơ quan thường trực thi đua đã mở lại Báo cáo sơ kết 6 tháng")
    await leader.say("/baocao")
    assert "Chào mừng anh/chị quay lại" in leader.text and "(2/13)" in leader.text
    assert "Báo cáo được mở lại đến 17:00 ngày 18/06/2027 (còn 3 ngày)." in leader.text
    await leader.tap("Đã đạt")
    assert "Đã lưu: ✅ Đã đạt" in leader.text and "(3/13)" in leader.text

    await leader.say("sua cau1")  # typed on a phone, without the space
    assert "(1/13)" in leader.text and "Hiện tại: Đạt 92% hồ sơ đúng hạn" in leader.text
    await leader.tap("Giữ nguyên")
    await leader.say("3.400 cây")
    await leader.say("co nguy co ko dat")  # "ko": không
    assert "Đã lưu: ⚠️ Có nguy cơ không đạt" in leader.text
    await leader.say("Đã tổ chức 7 buổi")
    await leader.tap("Đúng tiến độ")
    for answer in ("2", "25", "1.100", "Hoàn thành phần lớn chỉ tiêu", "Không", "Không"):
        await leader.say(answer)
    await leader.tap("Bỏ qua")
    fake = {"name": "bao-cao.pdf", "type": "application/pdf", "data": "aGVsbG8gd29ybGQ="}
    await leader._send({"text": "", "file": fake})  # "hello world", named .pdf
    assert leader.text.startswith("«bao-cao.pdf» không phải tệp PDF hay ảnh chụp.")
    pdf = {"name": "bao-cao.pdf", "type": "application/pdf"}
    await leader._send({"text": "", "file": {**pdf, "data": base64.b64encode(PDF).decode()}})
    assert leader.text.startswith("Đã lưu: tệp bao-cao.pdf")  # sent at the summary: kept
    await leader.tap("Xác nhận và gửi")
    assert "Báo cáo được gửi sau hạn, trong thời gian cơ quan thường trực mở lại." in leader.text
    await admin.say("/tinhhinh TAMKY")
    assert "✅ Đã gửi lúc 17:00 ngày 15/06/2027, sau hạn (cơ quan thường trực đã mở lại)." in (
        admin.text
    )

    bot.clock.set(datetime(2027, 6, 18, 17, 0, tzinfo=VN))  # the reopening ends
    await leader.say("/baocao sơ kết")  # what was reported can still be read
    assert leader.last[0].text.startswith("Báo cáo sơ kết 6 tháng của UBND thành phố Tam Kỳ")
    assert "(3) Kết quả: 3.400 cây" in leader.last[0].text and not leader.last[0].buttons
    assert leader.last[1].text.startswith("Báo cáo sơ kết 6 tháng đã hết hạn lúc 17:00")
    async with bot.app.db.transaction() as db:
        [kept] = list(await db.scalars(select(Report).where(Report.deadline == "mid_year")))
    assert kept.status == "submitted" and kept.fields["copy.signed"]["name"] == "bao-cao.pdf"


async def test_a_unit_without_a_submitted_pledge_is_sent_to_the_office(bot: Bot) -> None:
    leader = await linked(bot, "HOIAN")
    await leader.say("/baocao")
    assert leader.text == (
        "Đơn vị chưa gửi bản đăng ký thi đua, nên chưa có gì để báo cáo. Việc đăng ký mở đến "
        "17:00 ngày 31/12/2026: gửi /dangky."
    )
    assert [label for label, _ in leader.last[0].buttons] == ["Đăng ký ngay"]
    await leader.say("/dangky")  # a draft is not enough either
    await leader.tap("Tập thể lao động xuất sắc")
    await leader.say("/huy")
    bot.clock.set(datetime(2027, 1, 5, 9, 0, tzinfo=VN))
    await leader.say("báo cáo sơ kết")
    assert leader.text.startswith("Đơn vị chưa có bản đăng ký thi đua đã gửi")
    assert "Cơ quan thường trực thi đua: Ban Thi đua - Khen thưởng" in leader.text
    assert "/dangky" not in leader.text  # registration has closed: the office is the way
    async with bot.app.db.transaction() as db:
        assert list(await db.scalars(select(Report))) == []
