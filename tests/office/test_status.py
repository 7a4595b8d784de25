"""The office sees the movement in chat: /status overall, per group and per unit, /pending page
by page, any unit's pledge with its history, plain questions; leaders are refused all of it."""

from __future__ import annotations

import re

import pytest
from harness import Bot, Chat, linked, register_everything

EVERY_UNIT = 54
PLAINS = 9  # units in "Cụm thi đua các huyện, thị xã, thành phố đồng bằng"


async def movement(bot: Bot) -> tuple[Chat, Chat, Chat]:
    """HOIAN submitted, TAMKY with a draft of one answer, the rest not started; an admin."""
    hoian = await linked(bot, "HOIAN", name="hoian-leader")
    await register_everything(hoian)
    tamky = await linked(bot, "TAMKY", name="tamky-leader")
    await tamky.say("/dangky")
    await tamky.tap("Cờ thi đua")
    await tamky.say("/huy")
    return bot.admin(), hoian, tamky


async def test_status_counts_every_group_with_shares_and_days_left(bot: Bot) -> None:
    admin, _, _ = await movement(bot)
    await admin.say("/tinhhinh")
    text = admin.text
    assert text.startswith("📊 Tình hình thi đua lúc 09:00 ngày 20/11/2026")
    assert "Đăng ký thi đua: hạn 17:00 ngày 31/12/2026, còn 41 ngày." in text
    assert f"{EVERY_UNIT} đơn vị: ✅ 1 (2%) · 📝 1 (2%) · ⬜ 52 (96%)" in text
    plains = "• Cụm thi đua các huyện, thị xã, thành phố đồng bằng (9): "
    assert plains + "✅ 1 (11%) · 📝 1 (11%) · ⬜ 7 (78%)" in text
    assert "• Khối nội chính (6): ✅ 0 (0%) · 📝 0 (0%) · ⬜ 6 (100%)" in text
    groups = re.findall(r"^• .* \((\d+)\): ", text, flags=re.M)
    assert len(groups) == 7 and sum(int(n) for n in groups) == EVERY_UNIT
    assert "Báo cáo sơ kết 6 tháng: hạn 17:00 ngày 15/06/2027" in text
    assert [label for label, _ in admin.last[-1].buttons] == [
        "📋 Đơn vị chưa gửi",
        "📈 Biểu đồ",
        "📥 Xuất Excel",
    ]


@pytest.mark.parametrize(
    "typed",
    [
        "cum_dong_bang",
        "đồng bằng",
        "dong bang",
        "Cụm thi đua các huyện, thị xã, thành phố đồng bằng",
    ],
)
async def test_status_of_a_group_lists_each_unit(quick_bot: Bot, typed: str) -> None:
    admin, _, _ = await movement(quick_bot)
    await admin.say(f"/status {typed}")
    text = admin.text
    assert text.startswith("📊 Cụm thi đua các huyện, thị xã, thành phố đồng bằng, lúc")
    assert f"{PLAINS} đơn vị: ✅ 1 (11%) · 📝 1 (11%) · ⬜ 7 (78%)" in text
    assert "✅ HOIAN — UBND thành phố Hội An: đã gửi" in text
    assert "📝 TAMKY — UBND thành phố Tam Kỳ: bản nháp, đã trả lời 1/9 câu" in text
    assert "⬜ DAILOC — UBND huyện Đại Lộc: chưa bắt đầu đăng ký" in text
    assert "NONGSON" not in text  # a unit of another group


@pytest.mark.parametrize("typed", ["HOIAN", "hoian", "Hội An", "hoi an", "UBND thành phố Hội An"])
async def test_status_of_a_unit_by_code_alias_or_folded_name(quick_bot: Bot, typed: str) -> None:
    admin, _, _ = await movement(quick_bot)
    await admin.say(f"/status {typed}")
    assert admin.text.startswith("📊 UBND thành phố Hội An (HOIAN)")
    assert "✅ Đã gửi lúc 09:00 ngày 20/11/2026." in admin.text
    assert "Liên hệ: Nguyễn Văn An, 0905 123 456" in admin.text
    assert admin.last[-1].buttons == [("📄 Xem bản đăng ký", "cmd:mypledge HOIAN")]


async def test_status_of_a_draft_unit_and_an_unknown_name(quick_bot: Bot) -> None:
    admin, _, _ = await movement(quick_bot)
    await admin.say("/status tam ky")
    assert "📝 Bản nháp, đã trả lời 1/9 câu." in admin.text
    await admin.say("/status SNV")
    assert "⬜ Chưa bắt đầu đăng ký." in admin.text
    assert "Chưa ai của đơn vị liên kết với bot." in admin.text
    await admin.say("/status Hoi Ann")
    assert "“Hoi Ann” có thể là một trong các mục dưới đây:" in admin.text
    assert ("UBND thành phố Hội An", "cmd:status HOIAN") in admin.last[-1].buttons
    await admin.tap("Hội An")
    assert admin.text.startswith("📊 UBND thành phố Hội An (HOIAN)")


async def test_pending_pages_through_every_unit_not_submitted_once(bot: Bot) -> None:
    admin, _, _ = await movement(bot)
    await admin.say("/chuadangky")
    first = admin.text
    assert first.startswith("📋 Chưa gửi (Đăng ký thi đua): 53 đơn vị")
    assert "Trang 1/6" in first
    assert [label for label, _ in admin.last[-1].buttons] == ["Trang sau ▶️"]
    seen = re.findall(r"^[📝⬜] (\w+) — ", first, flags=re.M)
    for page in range(2, 7):
        await admin.tap("Trang sau")
        assert f"Trang {page}/6" in admin.text
        seen += re.findall(r"^[📝⬜] (\w+) — ", admin.text, flags=re.M)
    assert [label for label, _ in admin.last[-1].buttons] == ["◀️ Trang trước"]
    assert len(seen) == len(set(seen)) == 53 and "HOIAN" not in seen
    assert "TAMKY" in seen and "DAILOC" in seen
    await admin.tap("Trang trước")
    assert "Trang 5/6" in admin.text
    await admin.press("pend:999999999999999999:")  # a forged page: the last one
    assert "Trang 6/6" in admin.text


async def test_pending_of_one_group_names_who_to_call(quick_bot: Bot) -> None:
    admin, _, _ = await movement(quick_bot)
    await admin.say("/pending đồng bằng")
    text = admin.text
    assert text.startswith("📋 Chưa gửi (Đăng ký thi đua): 8 đơn vị")
    assert "Cụm thi đua các huyện, thị xã, thành phố đồng bằng" in text
    assert (
        "📝 TAMKY — UBND thành phố Tam Kỳ: bản nháp, đã trả lời 1/9 câu · 1 người (trang web)"
        in text
    )
    assert (
        "⬜ DAILOC — UBND huyện Đại Lộc: chưa bắt đầu đăng ký · chưa ai liên kết với bot" in text
    )
    assert "HOIAN" not in text and "Trang" not in text  # one page, no buttons
    assert admin.last[-1].buttons == []


async def test_the_office_sees_any_units_pledge_with_its_history(bot: Bot) -> None:
    admin, hoian, _ = await movement(bot)
    await hoian.say("/xem")
    await hoian.tap("Sửa")
    await hoian.tap("Chiến sĩ thi đua cơ sở")
    await hoian.say("30")
    await admin.say("/xem hoi an")
    pledge, history = admin.last[0].text, admin.last[1].text
    assert pledge.startswith("Bản đăng ký thi đua của UBND thành phố Hội An")
    assert "• Chiến sĩ thi đua cơ sở: 30" in pledge
    assert history.startswith("Lịch sử thay đổi (12):")
    leader = "người dùng trang web (#2)"  # account 1: the admin of BOT_ADMINS
    assert f"09:00 ngày 20/11/2026 — {leader}, Chiến sĩ thi đua cơ sở: 25 → 30" in history
    assert f"{leader}, gửi bản đăng ký" in history
    # ticking two movements one after the other reads as one change
    assert (
        f"{leader}, Phong trào thi đua tham gia: Kiện toàn tổ chức bộ máy và cán bộ; " in history
    )
    assert history.count("Phong trào thi đua tham gia") == 1
    assert "Đẩy mạnh chuyển đổi số (2 lần sửa)" in history  # 12 changes, 11 lines
    await admin.say("/xem SNV")
    assert admin.text == "Sở Nội vụ (SNV) chưa bắt đầu đăng ký thi đua."


OFFICE_COMMANDS = [
    "/status",
    "/tinhhinh",
    "/status HOIAN",
    "/pending",
    "/chuadangky",
    "/chart",
    "/bieudo",
    "/export",
    "/xuatexcel",
]


async def test_a_leader_is_refused_every_office_command_and_button(quick_bot: Bot) -> None:
    _, hoian, tamky = await movement(quick_bot)
    for command in OFFICE_COMMANDS:
        await tamky.say(command)
        name = command.split()[0][1:]
        assert tamky.last[0].text == (
            f"Xin lỗi, lệnh /{name} chỉ dành cho cơ quan thường trực thi đua."
        ), command
        assert not any(said.files for said in tamky.last)
    for payload in ["pend:1:", "pend:2:3", "cmd:export", "cmd:chart", "cmd:status HOIAN"]:
        await tamky.press(payload)
        assert "chỉ dành cho cơ quan thường trực thi đua" in tamky.last[0].text, payload
        assert "HOIAN —" not in tamky.text and not any(s.files for s in tamky.last)
    await tamky.say("/xem HOIAN")
    assert tamky.text == (
        "Chỉ cơ quan thường trực thi đua mới xem được bản đăng ký của đơn vị khác. "
        "Gửi /xem để xem bản đăng ký của đơn vị mình."
    )
    await hoian.say("/help")
    assert "/tinhhinh" not in hoian.text and "/xuatexcel" not in hoian.text


async def test_plain_questions_from_the_office_are_answered_from_data(quick_bot: Bot) -> None:
    admin, _, _ = await movement(quick_bot)
    await admin.say("bao nhiêu đơn vị đã đăng ký?")
    assert admin.text.startswith(
        "Đăng ký thi đua: 1/54 đơn vị đã gửi (2%); đang có bản nháp: 1; chưa bắt đầu: 52."
    )
    await admin.say("đơn vị nào chưa đăng ký")
    assert admin.text.startswith("📋 Chưa gửi (Đăng ký thi đua): 53 đơn vị")
    await admin.say("Hội An đăng ký chưa")
    assert admin.text.startswith("📊 UBND thành phố Hội An (HOIAN)")
    await admin.say("tam ky da dang ky chua?")
    assert admin.text.startswith("📊 UBND thành phố Tam Kỳ (TAMKY)")
    await admin.say("how many units have registered?")  # answered in the question's language
    assert "Pledge registration: 1 of 54 units submitted (2%)" in admin.text


async def test_a_leader_asking_the_same_hears_about_their_own_unit(quick_bot: Bot) -> None:
    _, hoian, tamky = await movement(quick_bot)
    only = "Chỉ cơ quan thường trực thi đua mới xem được tình hình của các đơn vị khác."
    await tamky.say("bao nhiêu đơn vị đã đăng ký?")
    assert tamky.text.startswith(only)
    assert "UBND thành phố Tam Kỳ: bản nháp, đã trả lời 1/9 câu, chưa nộp." in tamky.text
    assert "Hội An" not in tamky.text and "54" not in tamky.text
    await tamky.say("đơn vị nào chưa đăng ký")
    assert tamky.text.startswith(only) and "DAILOC" not in tamky.text
    await tamky.say("Hội An đăng ký chưa")
    assert tamky.text.startswith(only) and "Hội An" not in tamky.text
    await hoian.say("Hội An đăng ký chưa")  # their own unit: no refusal
    assert "UBND thành phố Hội An: đã gửi." in hoian.text and only not in hoian.text
    stranger = quick_bot.person()
    await stranger.say("bao nhiêu đơn vị đã đăng ký")
    assert stranger.text.startswith(only) and "chưa được liên kết" in stranger.text


async def test_questions_that_only_share_words_are_not_taken_for_counts(quick_bot: Bot) -> None:
    admin, _, tamky = await movement(quick_bot)
    await admin.say("có bao nhiêu đơn vị phải đăng ký thi đua?")
    assert "đơn vị đã gửi" not in admin.text
    await admin.say("còn bao nhiêu ngày nữa hết hạn đăng ký")
    assert admin.text.startswith("Đăng ký thi đua: 17:00 ngày 31/12/2026 (còn 41 ngày).")
    await tamky.say("còn bao nhiêu ngày nữa hết hạn đăng ký")
    assert "Chỉ cơ quan thường trực" not in tamky.text and "còn 41 ngày" in tamky.text


async def test_the_office_reads_it_all_in_english(quick_bot: Bot) -> None:
    _, _, _ = await movement(quick_bot)
    office = quick_bot.person(locale="en")
    await office.say(await quick_bot.invite("SNV", role="staff"))
    await office.say("/status")
    assert office.text.startswith("📊 The movement at 9:00\u202fAM, 20 November 2026")
    assert "Đăng ký thi đua" not in office.text
    due = "Pledge registration: due at 5:00\u202fPM, 31 December 2026, 41 days left."
    assert due in office.text
    assert "54 units: ✅ 1 (2%) · 📝 1 (2%) · ⬜ 52 (96%)" in office.text
    await office.say("/pending")
    assert office.text.startswith("📋 Not submitted yet (Pledge registration): 53 units")
    await office.say("how many units have registered?")
    assert office.text.startswith(
        "Pledge registration: 1 of 54 units submitted (2%); with a draft: 1; not started: 52."
    )
    await office.say("/export")
    [file] = office.last[0].files
    assert file["name"] == "pledges-quang-nam-2024-2026-11-20.xlsx"
