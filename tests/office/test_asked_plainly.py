"""Questions and names as the office and leaders type them on phones: part of a unit's name, a
group inside a question, lists of who has and has not registered, "my unit" in many words."""

from __future__ import annotations

import pytest
from harness import Bot, Chat, linked, register_everything


async def movement(bot: Bot) -> tuple[Chat, Chat]:
    """KBNN submitted, TAMKY a draft; the office and the Tam Kỳ leader."""
    treasury = await linked(bot, "KBNN")
    await register_everything(treasury)
    tamky = await linked(bot, "TAMKY")
    await tamky.say("/dangky")
    await tamky.tap("Cờ thi đua")
    await tamky.say("/huy")
    return bot.admin(), tamky


@pytest.mark.parametrize(
    ("asked", "answer"),
    [
        ("kho bac da dang ky chua", "📊 Kho bạc Nhà nước Quảng Nam (KBNN)"),
        ("kho bạc nhà nước đã đăng ký chưa", "📊 Kho bạc Nhà nước Quảng Nam (KBNN)"),
        ("vien kiem sat da dang ky chua", "📊 Viện Kiểm sát nhân dân tỉnh (VKSND)"),
        ("tam ky dk chua a", "📊 UBND thành phố Tam Kỳ (TAMKY)"),
        ("những đơn vị nào đã đăng ký", "✅ Đã gửi (Đăng ký thi đua): 1 đơn vị"),
        ("danh sach don vi chua nop", "📋 Chưa gửi (Đăng ký thi đua): 53 đơn vị"),
        ("huyện nào chưa nộp", "Các huyện, thị xã, thành phố\n📋 Chưa gửi (Đăng ký thi đua): 18"),
        ("dv nao dang lam do", "📝 Đang có bản nháp (Đăng ký thi đua): 1 đơn vị"),
        (
            "đã có bao nhiêu huyện đăng ký rồi",
            "Các huyện, thị xã, thành phố\nĐăng ký thi đua: 0/18",
        ),
        ("cac huyen dong bang con ai chua dk", "📋 Chưa gửi (Đăng ký thi đua): 9 đơn vị"),
        ("tình hình đăng ký đến đâu rồi nhỉ", "Đăng ký thi đua: 1/54 đơn vị đã gửi (2%)"),
        ("cho anh xin số điện thoại người liên hệ của Kho bạc", "📊 Kho bạc Nhà nước Quảng Nam"),
        ("kho bac qn sao roi", "📊 Kho bạc Nhà nước Quảng Nam (KBNN)"),
        ("CA tinh dk chua", "📊 Công an tỉnh (CAT)"),
        ("VP UBND tinh dk chua e", "📊 Văn phòng UBND tỉnh (VPUBND)"),
        ("tp tam ky dk r ha", "📊 UBND thành phố Tam Kỳ (TAMKY)"),
        ("tỷ lệ đk của khối kinh tế thế nào em", "Khối các cơ quan kinh tế\nĐăng ký thi đua: 0/7"),
        ("khối văn hóa xã hội được mấy % rồi", "Khối các cơ quan văn hóa - xã hội\nĐăng ký thi"),
        ("số đt của công an tỉnh", "📊 Công an tỉnh (CAT)"),
        ("hội an thuộc cụm nào", "📊 UBND thành phố Hội An (HOIAN)"),
        ("còn bao nhiêu đơn vị chưa đăng ký", "Đăng ký thi đua: 53/54 đơn vị chưa gửi"),
        ("ty le dang ky", "Đăng ký thi đua: 1/54 đơn vị đã gửi (2%)"),
        ("bn dv da dk roi", "Đăng ký thi đua: 1/54 đơn vị đã gửi (2%)"),
        ("khoi kinh te ai chua dang ky", "📋 Chưa gửi (Đăng ký thi đua): 7 đơn vị"),
        (
            "cum dong bang da dang ky bao nhieu",
            "Cụm thi đua các huyện, thị xã, thành phố đồng bằng",
        ),
        ("which units have not registered?", "📋 Not submitted yet (Pledge registration): 53"),
        ("Sở Y tế", "📊 Sở Y tế (SYT)"),
        ("BHXH", "📊 Bảo hiểm xã hội tỉnh (BHXH)"),
        ("duy xuyen", "📊 UBND huyện Duy Xuyên (DUYXUYEN)"),
        ("khối tổng hợp", "📊 Khối các cơ quan tổng hợp, lúc"),
        ("Hội An thì sao", "📊 UBND thành phố Hội An (HOIAN)"),
        ("hoi an sao roi", "📊 UBND thành phố Hội An (HOIAN)"),
        ("sdt lien he duy xuyen", "📊 UBND huyện Duy Xuyên (DUYXUYEN)"),
        ("dai loc chua dk ha", "📊 UBND huyện Đại Lộc (DAILOC)"),
        ("UBND huyện Đại Lộc chưa đăng ký à", "📊 UBND huyện Đại Lộc (DAILOC)"),
        ("tinh hinh dang ky the nao roi", "Đăng ký thi đua: 1/54 đơn vị đã gửi (2%)"),
        ("tình hình đăng ký sao rồi em", "Đăng ký thi đua: 1/54 đơn vị đã gửi (2%)"),
        ("da dc bao nhieu % roi em", "Đăng ký thi đua: 1/54 đơn vị đã gửi (2%)"),
        ("dc may dv r", "Đăng ký thi đua: 1/54 đơn vị đã gửi (2%)"),
        ("khoi noi chinh da dk het chua", "📊 Khối nội chính, lúc"),
        ("khoi tong hop chua dk", "📋 Chưa gửi (Đăng ký thi đua): 8 đơn vị"),
        (
            "ti le khoi trung uong",
            "Khối các đơn vị Trung ương\nĐăng ký thi đua: 1/8 đơn vị đã gửi (13%)",
        ),
        ("dv nao co ban nhap", "📝 Đang có bản nháp (Đăng ký thi đua): 1 đơn vị"),
        ("can goi dien cho dv nao", "📋 Chưa gửi (Đăng ký thi đua): 53 đơn vị"),
    ],
)
async def test_the_office_asks_plainly(quick_bot: Bot, asked: str, answer: str) -> None:
    admin, _ = await movement(quick_bot)
    await admin.say(asked)
    assert admin.text.startswith(answer), admin.text
    assert "Sở Nội vụ" not in admin.text.split("\n")[0]  # never the asker's own unit instead


async def test_a_group_in_a_count_question_counts_that_group(quick_bot: Bot) -> None:
    admin, _ = await movement(quick_bot)
    await admin.say("cum dong bang da dang ky bao nhieu")
    assert "Đăng ký thi đua: 0/9 đơn vị đã gửi (0%); đang có bản nháp: 1; chưa bắt đầu: 8." in (
        admin.text
    )
    await admin.say("khoi kinh te ai chua dang ky")
    assert "SCT — Sở Công Thương" in admin.text and "TAMKY" not in admin.text


async def test_an_unknown_unit_in_a_question_is_said_not_swapped(quick_bot: Bot) -> None:
    admin, _ = await movement(quick_bot)
    await admin.say("tra my da dang ky chua")
    assert admin.text.startswith("“tra my” có thể là một trong các mục dưới đây:")
    assert {label for label, _ in admin.last[-1].buttons} == {
        "UBND huyện Bắc Trà My",
        "UBND huyện Nam Trà My",
    }


@pytest.mark.parametrize(
    "asked",
    [
        "đơn vị mình đăng ký chưa",
        "minh nop chua",
        "cơ quan tôi đã gửi đăng ký chưa",
        "tam ky dang ky chua",
        "dv toi dk chua",
        "dv minh dk chua",
        "bên mình nộp chưa",
        "đơn vị tôi đã đăng ký thi đua chưa",
        "dv toi dk r chua em",
        "cho anh hỏi bên anh gửi bản đăng ký thành công chưa ạ",
        "bản đk của mình có được tiếp nhận ko vậy",
        "bên mình còn thiếu mấy câu nữa",
    ],
)
async def test_a_leader_asking_about_their_own_unit_hears_it(quick_bot: Bot, asked: str) -> None:
    _, tamky = await movement(quick_bot)
    await tamky.say(asked)
    assert "UBND thành phố Tam Kỳ: bản nháp, đã trả lời 1/9 câu, chưa nộp." in tamky.text
    assert "Chỉ cơ quan thường trực" not in tamky.text
    assert [label for label, _ in tamky.last[-1].buttons] == ["📄 Xem bản đăng ký", "▶️ Tiếp tục"]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Công an", "📊 Công an tỉnh (CAT)"),
        ("tp hoi an", "📊 UBND thành phố Hội An (HOIAN)"),
        ("kho bac", "📊 Kho bạc Nhà nước Quảng Nam (KBNN)"),
        ("dien luc", "📊 Công ty Điện lực Quảng Nam (DIENLUC)"),
        ("mien nui", "📊 Cụm thi đua các huyện miền núi"),
    ],
)
async def test_status_finds_units_by_part_of_their_name(
    quick_bot: Bot, typed: str, shown: str
) -> None:
    admin, _ = await movement(quick_bot)
    await admin.say(f"/tinhhinh {typed}")
    assert admin.text.startswith(shown)


async def test_status_offers_the_close_names_for_a_typo_or_a_shared_word(quick_bot: Bot) -> None:
    admin, _ = await movement(quick_bot)
    await admin.say("/tinhhinh Nam Giag")
    assert ("UBND huyện Nam Giang", "cmd:status NAMGIANG") in admin.last[-1].buttons
    await admin.say("/tinhhinh giang")
    assert {label for label, _ in admin.last[-1].buttons} == {
        "UBND huyện Nam Giang",
        "UBND huyện Đông Giang",
        "UBND huyện Tây Giang",
    }


async def test_roles_each_get_their_own_refusal_and_welcome(quick_bot: Bot) -> None:
    _, tamky = await movement(quick_bot)
    staff = quick_bot.person()
    await staff.say(await quick_bot.invite("SNV", role="staff"))
    assert "/tinhhinh" in staff.text and "Đăng ký ngay" not in str(staff.last[-1].buttons)
    await staff.say("/mokhoa TAMKY")
    assert staff.text == (
        "Xin lỗi, lệnh /mokhoa chỉ dành cho quản trị viên của cơ quan thường trực thi đua."
    )
    admin = quick_bot.admin()
    await admin.say("/mokhoa TAMKY")  # before the deadline
    assert admin.text == (
        "Thời hạn đăng ký vẫn còn: UBND thành phố Tam Kỳ có thể sửa bản đăng ký đến hạn, "
        "17:00 ngày 31/12/2026. Chưa có gì cần mở lại."
    )
    await tamky.say("/xem TAMKY")  # their own unit's code
    assert tamky.text.startswith("Bản đăng ký thi đua của UBND thành phố Tam Kỳ")


async def test_the_office_is_not_offered_to_forward_a_question_to_itself(quick_bot: Bot) -> None:
    admin, tamky = await movement(quick_bot)
    asked = "Kinh phí tổ chức hội nghị sơ kết lấy từ nguồn nào?"
    await admin.say(asked)
    assert "/tinhhinh, /chuadangky và /trogiup" in admin.text
    assert not any("Hỏi cơ quan" in label for label, _ in admin.last[-1].buttons)
    await tamky.say(asked)
    assert any("Hỏi cơ quan" in label for label, _ in tamky.last[-1].buttons)
    staff = quick_bot.person()
    await staff.say(await quick_bot.invite("SNV", role="staff"))
    await staff.say("con may ngay nua het han dang ky")
    assert "còn 41 ngày" in staff.text and "Sở Nội vụ" not in staff.text  # not theirs to file


async def test_a_leader_asking_in_english_hears_it_in_english(quick_bot: Bot) -> None:
    _, tamky = await movement(quick_bot)
    await tamky.say("has my unit registered?")
    assert "UBND thành phố Tam Kỳ: draft, 1/9 questions answered, not submitted yet." in tamky.text
