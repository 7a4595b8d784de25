"""The chart and the workbook, as each place shows them: inline on the web page, uploaded to
Telegram, an image on a Zalo OA, a link on the Zalo Bot Platform. The workbook is read back
with openpyxl and checked against the pledges in the database."""

from __future__ import annotations

import io
import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Bot, Chat, Clock, linked, register_everything
from PIL import Image
from sqlalchemy import func, select
from telegram_people import TelegramUser, telegram_bot
from zalo_people import zalo_bot

from handlers.office.reports.chart import size
from handlers.types import Attachment, Reply, pack
from storage import outbox
from storage.accounts import find_account
from storage.models import PledgeRevision

SHEETS = ["Tổng hợp", "Đăng ký", "Báo cáo sơ kết 6 tháng", "Báo cáo tổng kết năm", "Lịch sử"]

VN = ZoneInfo("Asia/Ho_Chi_Minh")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK = "dang-ky-thi-dua-quang-nam-2024-2026-11-20.xlsx"
GROUPS = 7


async def movement(bot: Bot, admin: Chat | None = None) -> None:
    """HOIAN submitted and then changed, TAMKY a draft, the rest not started."""
    hoian = await linked(bot, "HOIAN")
    await register_everything(hoian)
    bot.clock.advance(hours=2)
    await hoian.say("/xem")
    await hoian.tap("Sửa")
    await hoian.tap("Chiến sĩ thi đua cơ sở")
    await hoian.say("30")
    tamky = await linked(bot, "TAMKY")
    await tamky.say("/dangky")
    await tamky.tap("Bằng khen")
    await tamky.say("/huy")


async def fetch(bot: Bot, url: str) -> tuple[int, dict[str, str], bytes]:
    assert bot.http is not None
    async with bot.http.get(url) as answer:
        return answer.status, dict(answer.headers), await answer.read()


async def test_the_workbook_holds_every_unit_answer_and_change(bot: Bot) -> None:
    admin = bot.admin()
    await movement(bot)
    await admin.say("/xuatexcel")
    [said] = admin.last
    assert said.text.startswith(f"📥 {WORKBOOK}: 54 đơn vị, 13 lần thay đổi, lập lúc 11:00")
    [file] = said.files
    assert file["kind"] == "document" and file["name"] == WORKBOOK and "data" not in file
    status, headers, data = await fetch(bot, file["url"])
    assert status == 200 and headers["Content-Type"] == XLSX
    assert headers["Content-Disposition"] == f"attachment; filename*=UTF-8''{WORKBOOK}"
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == SHEETS

    summary = book["Tổng hợp"]
    rows = list(summary.iter_rows(min_row=4, values_only=True))
    assert rows[0] == (
        "Khối, cụm thi đua",
        "Số đơn vị",
        "Đã gửi",
        "Bản nháp",
        "Chưa bắt đầu",
        "Tỷ lệ đã gửi",
    )
    plains = next(r for r in rows if r[0] == "Cụm thi đua các huyện, thị xã, thành phố đồng bằng")
    assert plains[1:5] == (9, 1, 1, 7) and abs(plains[5] - 1 / 9) < 1e-9
    assert rows[-1][:5] == ("Tổng cộng", 54, 1, 1, 52)
    assert len(rows) == 1 + GROUPS + 1

    sheet = book["Đăng ký"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Mã đơn vị", "Đơn vị", "Khối, cụm thi đua", "Trạng thái"]
    assert header[4:13] == [
        "Danh hiệu tập thể đăng ký",
        "Chiến sĩ thi đua cấp tỉnh",
        "Chiến sĩ thi đua cơ sở",
        "Lao động tiên tiến",
        "Phong trào thi đua tham gia",
        "Chỉ tiêu trọng tâm",
        "Nội dung cam kết",
        "Người liên hệ",
        "Số điện thoại liên hệ",
    ]
    assert header[13:] == ["Gửi lúc", "Sửa lần cuối"]
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:O55"
    assert sheet.max_row == 55  # every unit, started or not
    by_code = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(by_code) == 54
    in_order = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert list(dict.fromkeys(in_order)) == [row[0] for row in rows[1:-1]]  # by group
    assert sum(a != b for a, b in itertools.pairwise(in_order)) == GROUPS - 1

    stored = await bot.pledge("HOIAN")
    assert stored is not None and stored.submitted_at is not None
    hoian = [c.value for c in by_code["HOIAN"]]
    assert hoian[:4] == [
        "HOIAN",
        "UBND thành phố Hội An",
        "Cụm thi đua các huyện, thị xã, thành phố đồng bằng",
        "Đã gửi",
    ]
    assert hoian[4] == "Tập thể lao động xuất sắc"
    assert (
        hoian[5:8]
        == [stored.fields["cstd_tinh"], stored.fields["cstd_co_so"], stored.fields["ld_tien_tien"]]
        == [3, 30, 1200]
    )
    assert hoian[8] == "Kiện toàn tổ chức bộ máy và cán bộ\nĐẩy mạnh chuyển đổi số"
    assert hoian[9] == "\n".join(stored.fields["targets"])
    assert hoian[10] == stored.fields["commitment"]
    assert hoian[11:13] == ["Nguyễn Văn An", "0905 123 456"]
    assert isinstance(hoian[13], datetime)  # a real Excel date, in the campaign's time
    assert hoian[13] == stored.submitted_at.astimezone(VN).replace(tzinfo=None)
    assert hoian[14] == stored.updated_at.astimezone(VN).replace(tzinfo=None)
    assert hoian[14] == datetime(2026, 11, 20, 11, 0)
    assert by_code["HOIAN"][13].number_format == "dd/mm/yyyy hh:mm"
    tamky = [c.value for c in by_code["TAMKY"]]
    assert tamky[3:6] == ["Bản nháp", "Bằng khen của Chủ tịch UBND tỉnh", None]
    assert tamky[13] is None and isinstance(tamky[14], datetime)
    snv = [c.value for c in by_code["SNV"]]
    assert snv[3] == "Chưa bắt đầu" and set(snv[4:]) == {None}
    assert sheet.column_dimensions["B"].width >= len(
        "Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh"
    )
    assert sheet.column_dimensions["K"].width <= 61  # a long commitment wraps instead

    history = book["Lịch sử"]
    async with bot.app.db.transaction() as session:
        revisions = await session.scalar(select(func.count(PledgeRevision.id)))
    assert history.max_row == 1 + revisions == 14
    assert [c.value for c in history[1]] == [
        "Thời điểm",
        "Mã đơn vị",
        "Đơn vị",
        "Nội dung thay đổi",
        "Giá trị cũ",
        "Giá trị mới",
        "Người thực hiện",
    ]
    assert history.freeze_panes == "A2" and history.auto_filter.ref == "A1:G14"
    changed = [[c.value for c in row] for row in history.iter_rows(min_row=2)]
    assert [
        datetime(2026, 11, 20, 11, 0),
        "HOIAN",
        "UBND thành phố Hội An",
        "Chiến sĩ thi đua cơ sở",
        "25",
        "30",
    ] == changed[-2][:6]
    assert changed[-1][1] == "TAMKY" and changed[-1][5] == "Bằng khen của Chủ tịch UBND tỉnh"
    assert any(row[3] == "gửi bản đăng ký" for row in changed)


async def test_the_chart_is_a_png_of_every_group_on_the_web_page(quick_bot: Bot) -> None:
    admin = quick_bot.admin()
    await movement(quick_bot)
    await admin.say("/bieudo")
    [said] = admin.last
    assert said.text == "📈 Đăng ký thi đua, lúc 11:00 ngày 20/11/2026: 1/54 đơn vị đã gửi (2%)."
    [file] = said.files
    assert file["kind"] == "image" and file["name"] == "bieu-do-quang-nam-2024-2026-11-20.png"
    status, headers, data = await fetch(quick_bot, file["url"])
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert "Content-Disposition" not in headers  # shown, not saved
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "PNG" and picture.size == size(GROUPS) == (1200, 820)
    picture.load()  # decodes every pixel


async def test_a_file_link_is_unguessable_and_expires(quick_bot: Bot) -> None:
    admin = quick_bot.admin()
    await admin.say("/bieudo")
    url = admin.last[0].files[0]["url"]
    token = url.split("/")[2]
    assert len(token) >= 32
    other = "y" if token.endswith("x") else "x"  # one character off, never the same token
    assert (await fetch(quick_bot, url.replace(token, token[:-1] + other)))[0] == 404
    quick_bot.clock.advance(days=8)
    assert (await fetch(quick_bot, url))[0] == 404


async def test_telegram_gets_the_chart_as_a_photo_and_the_workbook_as_a_document(
    telegram_api: FakeTelegram, sqlite_url: str, clock: Clock
) -> None:
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling") as bot:
        await movement(bot)
        on_web = bot.person()
        await on_web.say(await bot.invite("SNV", role="staff"))
        await on_web.say("/bieudo")
        _, _, web_png = await fetch(bot, on_web.last[0].files[0]["url"])
        await on_web.say("/xuatexcel")
        _, _, web_xlsx = await fetch(bot, on_web.last[0].files[0]["url"])

        admin = TelegramUser(telegram_api, 42)  # BOT_ADMINS in telegram_bot
        await admin.say("/bieudo")
        assert "1/54 đơn vị đã gửi (2%)" in admin.texts[-2]  # the caption, then the photo
        [photo] = telegram_api.calls_of("sendPhoto")
        assert photo.params["chat_id"] == 42
        assert photo.params["photo_filename"] == "bieu-do-quang-nam-2024-2026-11-20.png"
        assert photo.files["photo"] == web_png  # the same chart, byte for byte
        assert Image.open(io.BytesIO(photo.files["photo"])).size == (1200, 820)

        await admin.say("/xuatexcel")
        [document] = telegram_api.calls_of("sendDocument")
        assert document.params["document_filename"] == WORKBOOK
        assert document.files["document"] == web_xlsx
        book = openpyxl.load_workbook(io.BytesIO(document.files["document"]))
        assert book.sheetnames == SHEETS


async def test_zalo_bot_gets_the_chart_and_the_workbook_by_link(
    zalo_bot_api: FakeZaloBot, sqlite_url: str, clock: Clock
) -> None:
    async with zalo_bot(sqlite_url, clock, bot=zalo_bot_api) as bot:
        await movement(bot)
        staff = "zalo-staff-1"
        await zalo_bot_api.user_says(staff, await bot.invite("SNV", role="staff"))
        await zalo_bot_api.user_says(staff, "/bieudo")
        photos = [p for m, p in zalo_bot_api.calls if m == "sendPhoto"]
        assert len(photos) == 1
        status, headers, data = await fetch(bot, photos[0]["photo"])
        assert status == 200 and Image.open(io.BytesIO(data)).size == (1200, 820)
        await zalo_bot_api.user_says(staff, "/xuatexcel")
        link = zalo_bot_api.texts(staff)[-1]
        assert link.startswith(f"📎 {WORKBOOK}\nhttp://127.0.0.1:")
        status, headers, data = await fetch(bot, link.split("\n")[1])
        assert status == 200 and headers["Content-Type"] == XLSX
        sheet = openpyxl.load_workbook(io.BytesIO(data))["Đăng ký"]
        assert [sheet["A2"].value, sheet["C2"].value] == ["BDT", "Khối các cơ quan tổng hợp"]


async def test_a_zalo_oa_gets_the_chart_as_an_image_and_the_workbook_as_a_link(
    zalo_oa_api: FakeZaloOA, sqlite_url: str, clock: Clock
) -> None:
    async with zalo_bot(sqlite_url, clock, oa=zalo_oa_api) as bot:
        staff = "3000000000000000009"
        await zalo_oa_api.user_says(staff, await bot.invite("SNV", role="staff"))
        await zalo_oa_api.user_says(staff, "/bieudo")
        images = [
            m["attachment"]["payload"]["elements"][0]
            for m in zalo_oa_api.sent[staff]
            if (m.get("attachment") or {}).get("payload", {}).get("template_type") == "media"
        ]
        assert len(images) == 1 and images[0]["media_type"] == "image"
        status, _, data = await fetch(bot, images[0]["url"])
        assert status == 200 and Image.open(io.BytesIO(data)).size == (1200, 820)
        await zalo_oa_api.user_says(staff, "/xuatexcel")
        link = zalo_oa_api.texts(staff)[-1]
        assert link.startswith(f"📎 {WORKBOOK}\nhttp://127.0.0.1:")
        status, _headers, data = await fetch(bot, link.split("\n")[1])
        assert status == 200 and openpyxl.load_workbook(io.BytesIO(data)).sheetnames[0] == (
            "Tổng hợp"
        )


async def test_on_telegram_a_page_of_pending_units_replaces_the_last(
    telegram_api: FakeTelegram, sqlite_url: str, clock: Clock
) -> None:
    async with telegram_bot(telegram_api, sqlite_url, clock, "polling"):
        admin = TelegramUser(telegram_api, 42)
        await admin.say("/chuadangky")
        first = telegram_api.last_with_buttons(42)
        assert "Trang 1/6" in first["text"]
        await admin.tap("Trang sau")
        [edit] = telegram_api.calls_of("editMessageText")
        assert edit.params["message_id"] == first["message_id"]
        assert "Trang 2/6" in edit.params["text"]
        labels = [b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row]
        assert labels == ["◀️ Trang trước", "Trang sau ▶️"]
        assert telegram_api.message(first["message_id"])["text"] == edit.params["text"]


async def test_a_queued_web_reply_with_a_file_reaches_the_page_as_a_link(quick_bot: Bot) -> None:
    """An answer kept in the outbox (parked at shutdown, say) carries its bytes; the page gets
    a link, as for a direct reply."""
    office = quick_bot.admin()
    await office.say("/bieudo")  # makes the account
    async with quick_bot.app.db.transaction() as session:
        assert office.user_id is not None
        account = await find_account(session, "web", office.user_id)
        assert account is not None
        reply = Reply("Biểu đồ", attachments=(Attachment("image", "bieu-do.png", b"\x89PNG..."),))
        await outbox.enqueue(session, account.id, "answer", pack([reply]), quick_bot.clock.now())
    [said] = await office.inbox()
    [file] = said.files
    assert file["kind"] == "image" and file["name"] == "bieu-do.png" and "data" not in file
    status, headers, data = await fetch(quick_bot, file["url"])
    assert status == 200 and data == b"\x89PNG..." and headers["Content-Type"] == "image/png"
