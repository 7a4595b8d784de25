"""Who a web request acts for: the server's cookie, never an id the client picks. Another
site's page cannot act for anyone, an operator grants roles by the account's reference, and a
leader opens the same account on a second device."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie

import aiohttp
import pytest
from harness import Bot, Chat, linked, make_settings, register_everything
from sqlalchemy import select

from bot import cli
from bot.channels.web.identity import COOKIE
from handlers.types import Identity, Incoming
from storage.accounts import find_account
from storage.models import WebDevice


def cookie_of(response: aiohttp.ClientResponse) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.getall("Set-Cookie", []):
        jar.load(header)
    return jar


async def reference(person: Chat) -> str:
    await person.say("/taikhoan")
    found = re.search(r"Tài khoản: (web:[0-9a-f]{12,32}) \(trang web\)", person.text)
    assert found is not None, person.text
    return found.group(1)


async def test_the_server_issues_the_identity_in_a_cookie_kept_only_as_a_hash(bot: Bot) -> None:
    assert bot.http is not None
    async with bot.http.post("/api/chat", json={"text": "/start"}) as answer:
        assert answer.status == 200
        morsel = cookie_of(answer)[COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "Lax" and morsel["path"] == "/"
    assert not morsel["secure"]  # served over plain HTTP here: the cookie must still be sent
    assert int(morsel["max-age"]) == 400 * 24 * 3600  # a campaign year, as browsers allow
    token = morsel.value
    assert len(token) >= 40  # 32 random bytes
    async with bot.app.db.transaction() as db:
        stored = list(await db.scalars(select(WebDevice)))
    hashes = {d.token_hash for d in stored}
    assert token not in hashes and all(len(h) == 64 for h in hashes)


async def test_a_client_chosen_session_is_no_identity(bot: Bot) -> None:
    """Knowing someone's account reference gives nothing: neither their messages nor their
    office answers."""
    leader, office = await linked(bot, "TAMKY"), bot.admin()
    await leader.say("Kinh phí tổ chức hội nghị sơ kết lấy từ nguồn nào?")
    await leader.tap("Hỏi cơ quan thường trực thi đua")
    await office.inbox()
    await office.tap("Trả lời")
    await office.say("Từ nguồn chi thường xuyên của đơn vị.")
    mine = await reference(leader)
    thief = bot.person()
    user_id = mine.removeprefix("web:")
    status, answer = await thief.post({"session": user_id, "text": "/taikhoan"})
    assert status == 200 and "Tam Kỳ" not in str(answer)  # not the leader's account
    status, stolen = await thief.post({"session": user_id}, "/api/inbox")
    assert status == 200 and stolen == {"replies": []}
    assert bot.http is not None
    async with bot.http.get("/api/inbox", params={"session": user_id}) as old_way:
        assert old_way.status == 405  # the inbox is taken by POST, with the cookie only
    [answered] = await leader.inbox()
    assert "Từ nguồn chi thường xuyên của đơn vị." in answered.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
async def test_another_sites_page_cannot_act_for_a_person(
    quick_bot: Bot, headers: dict[str, str]
) -> None:
    leader = await linked(quick_bot, "TAMKY")
    assert quick_bot.http is not None
    for path, body in (("/api/chat", {"text": "/huy"}), ("/api/inbox", {})):
        async with quick_bot.http.post(
            path, json=body, headers={**leader.headers, **headers}
        ) as answer:
            assert answer.status == 403
            assert await answer.json() == {"error": "a request from another site is refused"}
            assert COOKIE not in cookie_of(answer)
    page = f"http://127.0.0.1:{quick_bot.app.port}"  # the page itself, as the browser names it
    async with quick_bot.http.post(
        "/api/chat", json={"text": "/taikhoan"}, headers={**leader.headers, "Origin": page}
    ) as answer:
        assert answer.status == 200 and "UBND thành phố Tam Kỳ" in str(await answer.json())


async def test_behind_an_https_proxy_the_cookie_is_secure_and_the_proxys_host_is_the_site(
    quick_bot: Bot,
) -> None:
    assert quick_bot.http is not None
    proxied = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "thidua.quangnam.gov.vn",
        "Origin": "https://thidua.quangnam.gov.vn",
    }
    async with quick_bot.http.post("/api/chat", json={"text": "/start"}, headers=proxied) as r:
        assert r.status == 200
        assert cookie_of(r)[COOKIE]["secure"]


async def test_a_device_stays_signed_in_while_used_and_ends_when_revoked(bot: Bot) -> None:
    leader = await linked(bot, "HOIAN")
    before = leader.cookie
    bot.clock.advance(days=2)
    await leader.say("/taikhoan")  # in use: the end moves on, the same token is set again
    assert leader.cookie == before and "Hội An" in leader.text
    bot.clock.advance(days=390)
    await leader.say("/taikhoan")
    assert "Hội An" in leader.text  # 392 days after linking, used now and then
    ref = await reference(leader)
    await leader.say("/thietbi")  # a code made before the phone was lost
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", leader.text)
    assert code is not None
    done = await cli.revoke(make_settings(bot.settings.database_url), ref)
    assert done.startswith(f"{ref}: 1 device signed out; the account no longer acts for a unit")
    status, answer = await leader.post({"text": "/taikhoan"})
    assert status == 200 and answer["signed_out"] is True  # the page clears its history
    assert "Hội An" not in str(answer) and leader.cookie != before  # a fresh, unlinked account
    assert await reference(leader) != ref
    finder = bot.person()
    await finder.say(code.group())  # the code ended with the devices
    assert "đã hết hạn hoặc đã được dùng" in finder.text
    async with bot.app.db.transaction() as db:  # no longer counted among Hội An's people
        gone = await find_account(db, "web", ref.removeprefix("web:"))
    assert gone is not None and gone.unit_id is None and gone.role == "leader"


async def test_an_unused_device_expires(quick_bot: Bot) -> None:
    leader = await linked(quick_bot, "HOIAN")
    ref = await reference(leader)
    quick_bot.clock.advance(days=401)
    assert await reference(leader) != ref


async def test_an_admin_is_granted_by_the_reference_whoami_shows(bot: Bot) -> None:
    person = bot.person()
    await person.say("/tinhhinh")
    assert "Đăng ký thi đua" not in person.text  # not the office
    ref = await reference(person)
    assert f"python main.py grant admin {ref} (hoặc staff)" in person.text
    assert "Chưa liên kết với đơn vị nào: vui lòng gửi mã mời" in person.text
    said = await cli.grant(make_settings(bot.settings.database_url), "admin", ref)
    assert said == f"{ref} is now admin"
    await person.say("/tinhhinh")
    assert "Đăng ký thi đua" in person.text
    await person.say("/taikhoan")
    assert "Vai trò: quản trị viên" in person.text


async def test_a_second_device_opens_the_account_with_a_code_from_the_first(bot: Bot) -> None:
    phone = await linked(bot, "TAMKY")
    await register_everything(phone)
    await phone.say("/thietbi")
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", phone.text)
    assert code is not None and "trước 09:10 ngày 20/11/2026" in phone.text
    await phone.say(code.group())  # typed on the device that made it: kept for the other one
    assert "Thiết bị này đã mở tài khoản này rồi" in phone.text
    laptop = bot.person()
    await laptop.say(code.group().lower())
    assert "Thiết bị này đã mở tài khoản của anh/chị" in laptop.text
    assert "UBND thành phố Tam Kỳ với vai trò lãnh đạo đơn vị" in laptop.text
    await laptop.say("/xem")
    assert "Bản đăng ký thi đua của UBND thành phố Tam Kỳ" in laptop.text
    assert await reference(laptop) == await reference(phone)
    assert "Đang đăng nhập trên 2 thiết bị" in laptop.text
    spent = "Mã dành cho thiết bị khác này đã hết hạn hoặc đã được dùng"
    again = bot.person()
    await again.say(code.group())  # used once
    assert spent in again.text
    await phone.say("/thietbi")
    late = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", phone.text)
    assert late is not None
    bot.clock.advance(minutes=11)
    await again.say(late.group())
    assert spent in again.text
    await phone.say("/thietbi")
    fresh = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", phone.text)
    assert fresh is not None
    office = bot.admin()  # a device with an account of its own is not taken over
    await office.say(fresh.group())
    assert (
        "Thiết bị này đã có tài khoản riêng (xem /taikhoan) nên mã chưa được dùng" in office.text
    )
    await office.say("/tinhhinh")
    assert "Đăng ký thi đua" in office.text  # still the office


async def test_every_device_of_an_account_gets_the_offices_messages(bot: Bot) -> None:
    phone = await linked(bot, "QUESON")
    await phone.say("/thietbi")
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", phone.text)
    assert code is not None
    laptop = bot.person()
    await laptop.say(code.group())
    office = bot.admin()
    await office.say("/thongbao Họp giao ban thi đua lúc 8 giờ thứ Hai")
    await office.tap("Bỏ qua")
    await office.tap("Tất cả đơn vị đã liên kết")
    await office.tap("Không")
    await office.tap("Xác nhận")
    for device in (phone, laptop):
        [shown] = await device.inbox()
        assert shown.text.endswith("\n\nHọp giao ban thi đua lúc 8 giờ thứ Hai")
        assert await device.inbox() == []  # each device shows it once


async def test_link_elsewhere_than_the_web_says_what_it_is_for(quick_bot: Bot) -> None:
    assert quick_bot.app.dispatcher is not None
    [reply] = await quick_bot.app.dispatcher.handle(
        Incoming(
            identity=Identity("telegram", "4242"),
            chat_id="4242",
            event_id="tg-1",
            received_at=quick_bot.clock.now(),
            text="/thietbi",
        )
    )
    assert "mở trang trò chuyện web trên một thiết bị khác" in reply.text


async def test_the_office_makes_invite_codes_in_the_chat(bot: Bot) -> None:
    office, staff = bot.admin(), bot.person(role="staff")
    await staff.say("/mamoi tam ky")
    code = re.search(r"Mã mời cho UBND thành phố Tam Kỳ \(lãnh đạo đơn vị\): (\S+)", staff.text)
    assert code is not None, staff.text
    assert "có hiệu lực đến 09:00 ngày 04/12/2026" in staff.text
    leader = bot.person()
    await leader.say(code.group(1))
    assert "Liên kết thành công! Tài khoản này đại diện cho UBND thành phố Tam Kỳ" in leader.text
    await staff.say("/mamoi TAMKY admin")
    assert staff.text == (
        "Chỉ quản trị viên mới tạo được mã mời cho cán bộ cơ quan thường trực hoặc quản trị viên."
    )
    await office.say("/mamoi SNV staff")
    assert "Mã mời cho Sở Nội vụ (cán bộ cơ quan thường trực thi đua)" in office.text
    await office.say("/mamoi kinh te")
    assert "là một khối/cụm đơn vị: mỗi mã mời chỉ dành cho một đơn vị" in office.text
    await office.say("/mamoi huyen")  # in the names of both clusters of districts: not one
    assert "là một khối/cụm đơn vị" not in office.text
    await office.say("/mamoi HOIAN can bo")
    assert "Mã mời cho UBND thành phố Hội An (cán bộ cơ quan thường trực thi đua)" in office.text
    await office.say("/mamoi TAMKY boss")
    assert office.text.startswith("“boss” không phải là vai trò.")
    await office.say("/mamoi tam kyy")
    assert ("UBND thành phố Tam Kỳ", "cmd:invite TAMKY") in office.last[0].buttons
    await leader.say("/mamoi TAMKY")  # a leader cannot
    assert "Mã mời" not in leader.text


async def test_a_leader_linked_before_cookies_keeps_the_link_once(bot: Bot) -> None:
    """The page kept its own id in the browser before the server issued identities; a leader
    linked then is carried over to the first browser that shows it, and never again."""
    old = "0123456789abcdef0123456789abcdef"
    before = bot.person(old, direct=True)
    await before.say(await bot.invite("DUYXUYEN"))
    office_old = "fedcba9876543210fedcba9876543210"
    await bot.person(office_old, direct=True, role="admin").say("/start")
    browser = bot.person()
    assert (await browser.post({"session": old}, "/api/claim")) == (200, {"claimed": True})
    assert await reference(browser) == f"web:{old}"
    assert "Đơn vị: UBND huyện Duy Xuyên" in browser.text
    other = bot.person()
    assert (await other.post({"session": old}, "/api/claim")) == (200, {"claimed": False})
    for never in (office_old, "admin-session", "0" * 32):  # an office account, a guess
        assert (await bot.person().post({"session": never}, "/api/claim"))[1] == {"claimed": False}
    async with bot.app.db.transaction() as db:
        office = await find_account(db, "web", office_old)
    assert office is not None and office.role == "admin"


async def test_invite_buttons_keep_the_role_and_role_words_are_understood(
    quick_bot: Bot,
) -> None:
    office = quick_bot.admin()
    await office.say("/mamoi hoi can bo")  # several units hold «hội»: offered, role kept
    payloads = [p for _, p in office.last[0].buttons]
    assert payloads and all(p.startswith("cmd:invite ") and p.endswith(" staff") for p in payloads)
    await office.press(payloads[0])
    assert "(cán bộ cơ quan thường trực thi đua)" in office.text
    await office.say("/mamoi HOIAN quản trị viên")
    assert "Mã mời cho UBND thành phố Hội An (quản trị viên)" in office.text
    await office.say("/mamoi HOIAN giam doc")
    assert office.text.startswith("“giam doc” không phải là vai trò.")


async def test_a_granted_admin_is_not_asked_for_an_invite_code(quick_bot: Bot) -> None:
    office = quick_bot.admin()
    await office.say("/trogiup")
    assert "gửi mã mời" not in office.text and "/tinhhinh" in office.text
    assert "📊 Tình hình" in str(office.last[0].buttons)


async def test_a_signed_out_page_is_told_once_and_a_claim_is_never_made_twice(bot: Bot) -> None:
    old = "abcdefabcdefabcdefabcdefabcdef12"
    await bot.person(old, direct=True).say(await bot.invite("TIENPHUOC"))
    browser = bot.person()
    assert (await browser.post({"session": old}, "/api/claim")) == (200, {"claimed": True})
    await cli.revoke(make_settings(bot.settings.database_url), f"web:{old}")
    status, first = await browser.post({}, "/api/inbox")
    assert status == 200 and first == {"replies": [], "signed_out": True}
    assert browser.cookie == ""  # the server dropped the cookie: the next poll is plain
    assert (await browser.post({}, "/api/inbox")) == (200, {"replies": []})
    bot.clock.advance(days=45)  # the revoked devices are forgotten at the next start
    await bot.restart()
    async with bot.app.db.transaction() as db:
        assert not list(await db.scalars(select(WebDevice).where(WebDevice.user_id == old)))
    again = bot.person()
    assert (await again.post({"session": old}, "/api/claim")) == (200, {"claimed": False})


async def test_grant_refuses_an_account_no_device_opens(quick_bot: Bot) -> None:
    person = await linked(quick_bot, "SNV")
    ref = await reference(person)
    settings = make_settings(quick_bot.settings.database_url)
    await cli.revoke(settings, ref)
    with pytest.raises(ValueError, match="is signed out of every device"):
        await cli.grant(settings, "admin", ref)
    fresh = quick_bot.person()
    fresh_ref = await reference(fresh)
    assert await cli.grant(settings, "staff", fresh_ref.upper().replace("WEB:", "web:")) == (
        f"{fresh_ref} is now staff"
    )
