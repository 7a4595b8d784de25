"""The chat page in headless Chromium: link, answer by tapping and typing, reload, lose nothing."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path

import openpyxl
import pytest
from harness import Bot, make_settings
from playwright.async_api import (
    Browser,
    BrowserContext,
    FilePayload,
    Page,
    async_playwright,
    expect,
)

from bot import cli

SHEETS = ["Tổng hợp", "Đăng ký", "Báo cáo sơ kết 6 tháng", "Báo cáo tổng kết năm", "Lịch sử"]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (`make test` installs it as root)"
)
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        await launched.close()


@pytest.fixture
async def page(browser: Browser, quick_bot: Bot) -> AsyncIterator[Page]:
    context = await browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 780}, is_mobile=True
    )
    opened = await context.new_page()
    await opened.goto(f"http://127.0.0.1:{quick_bot.app.port}/")
    yield opened
    await context.close()


def bot_says(page: Page, text: str) -> Awaitable[None]:
    return expect(page.locator(".msg.bot", has_text=text).last).to_be_visible(timeout=10_000)


async def send(page: Page, text: str) -> None:
    await page.fill("#text", text)
    await page.keyboard.press("Enter")


async def test_a_leader_links_and_answers_in_the_browser_and_a_reload_keeps_the_chat(
    page: Page, quick_bot: Bot, tmp_path: Path
) -> None:
    await bot_says(page, "Xin chào! Tôi là trợ lý thi đua")  # the page greets by itself
    await send(page, await quick_bot.invite("PHUNINH"))
    await bot_says(page, "Liên kết thành công!")
    await page.get_by_role("button", name="Đăng ký ngay").last.click()
    await bot_says(page, "(1/9)")
    await page.get_by_role("button", name="Tập thể lao động tiên tiến").click()
    await bot_says(page, "Đã lưu: Tập thể lao động tiên tiến")
    await expect(page.locator(".msg.me").last).to_have_text("Tập thể lao động tiên tiến")
    await send(page, "mười hai")
    await bot_says(page, "Vui lòng nhập một số nguyên")
    await page.screenshot(path=str(tmp_path / "chat.png"))

    await page.reload()
    await bot_says(page, "Vui lòng nhập một số nguyên")  # the history is still there
    await send(page, "12")
    await bot_says(page, "Đã lưu: 12")
    await bot_says(page, "(3/9)")
    await send(page, "/xem")  # the summary's field names are bold, what was typed is not
    summary = page.locator(".msg.bot", has_text="Bản đăng ký thi đua của").last
    await expect(summary.locator("b").first).to_have_text(
        "Bản đăng ký thi đua của UBND huyện Phú Ninh"
    )
    await expect(summary.locator("b", has_text="Danh hiệu tập thể đăng ký:")).to_have_count(1)
    await page.reload()
    await expect(page.locator(".msg.bot b", has_text="Danh hiệu tập thể đăng ký:")).to_have_count(
        1
    )


async def test_text_that_could_not_be_sent_stays_in_the_box(page: Page, quick_bot: Bot) -> None:
    await bot_says(page, "Xin chào!")
    await quick_bot.stop()  # the server goes away while the person types
    await send(page, "Giải quyết 100% hồ sơ đúng hạn")
    await expect(page.locator(".note")).to_contain_text("Chưa gửi được", timeout=10_000)
    await expect(page.locator("#text")).to_have_value("Giải quyết 100% hồ sơ đúng hạn")


async def test_the_offices_answer_appears_in_the_open_page(page: Page, quick_bot: Bot) -> None:
    await bot_says(page, "Xin chào!")
    await send(page, await quick_bot.invite("THANGBINH"))
    await bot_says(page, "Liên kết thành công!")
    await send(page, "Kinh phí tổ chức hội nghị sơ kết lấy từ nguồn nào?")
    await bot_says(page, "Tôi chưa chắc")
    await page.get_by_role("button", name="Hỏi cơ quan thường trực thi đua").click()
    await bot_says(page, "đã được chuyển tới cơ quan thường trực")
    office = quick_bot.admin()
    await office.inbox()
    await office.tap("Trả lời")
    await office.say("Từ nguồn chi thường xuyên của đơn vị.")
    await bot_says(page, "Từ nguồn chi thường xuyên của đơn vị.")  # no reload: the page polls


PDF = b"%PDF-1.4\n% cong van huong dan so ket\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"


async def test_the_office_attaches_a_pdf_and_a_leader_gets_a_link_to_it(
    browser: Browser, quick_bot: Bot
) -> None:
    url = f"http://127.0.0.1:{quick_bot.app.port}/"

    def phone() -> Awaitable[BrowserContext]:
        return browser.new_context(
            locale="vi-VN", viewport={"width": 420, "height": 800}, is_mobile=True
        )

    leader_context, office_context = await phone(), await phone()
    try:
        leader = await leader_context.new_page()
        await leader.goto(url)
        await bot_says(leader, "Xin chào!")
        await send(leader, await quick_bot.invite("TAMKY"))  # linked before the announcement
        await bot_says(leader, "Liên kết thành công!")

        office = await office_context.new_page()
        await office.goto(url)
        await bot_says(office, "Xin chào!")
        await send(office, "/taikhoan")  # the reference the operator grants admin to
        await bot_says(office, "Tài khoản: web:")
        shown = await office.locator(".msg.bot").last.inner_text()
        await quick_bot.grant(shown.split("web:")[1].split()[0], "admin")
        await send(office, "/thongbao Công văn hướng dẫn sơ kết")
        await bot_says(office, "Gửi kèm một ảnh hoặc một tệp")
        letter = FilePayload(name="cong-van.pdf", mimeType="application/pdf", buffer=PDF)
        await office.set_input_files("#file", files=[letter])
        await expect(office.locator(".msg.me").last).to_have_text("📎 cong-van.pdf")
        await bot_says(office, "Đã nhận tệp: cong-van.pdf")
        await office.screenshot(path="/tmp/attach.png")
        await office.get_by_role("button", name="Tất cả đơn vị đã liên kết").click()
        await office.get_by_role("button", name="Không", exact=True).click()
        await office.get_by_role("button", name="Xác nhận gửi").click()
        await bot_says(office, "đang được gửi tới 1 người")

        announced = leader.locator(".msg.bot", has_text="Công văn hướng dẫn sơ kết").last
        await expect(announced).to_be_visible(timeout=10_000)  # no reload: the inbox poll
        link = announced.locator(".files a", has_text="📎 cong-van.pdf")
        await expect(link).to_be_visible()
        href = await link.get_attribute("href")
        assert href is not None and href.startswith("/media/"), href
        served = await leader.request.get(href if "://" in href else url.rstrip("/") + href)
        assert served.status == 200
        assert await served.body() == PDF
    finally:
        await office_context.close()
        await leader_context.close()


async def test_the_office_sees_the_chart_inline_and_downloads_the_workbook(
    page: Page, quick_bot: Bot, tmp_path: Path
) -> None:
    await bot_says(page, "Xin chào!")
    await send(page, await quick_bot.invite("SNV", role="admin"))
    await bot_says(page, "Liên kết thành công!")
    await send(page, "/bieudo")
    await bot_says(page, "📈 Đăng ký thi đua")
    chart = page.locator(".msg.bot .files img").last
    await expect(chart).to_be_visible(timeout=10_000)
    await expect(chart).to_have_attribute("alt", "bieu-do-quang-nam-2024-2026-11-20.png")
    width = await chart.evaluate("img => img.complete ? img.naturalWidth : 0")
    assert width == 1200  # the PNG loaded and decoded in the browser

    await send(page, "/xuatexcel")
    await bot_says(page, "📥 dang-ky-thi-dua-quang-nam-2024-2026-11-20.xlsx")
    link = page.locator(".msg.bot .files a", has_text="dang-ky-thi-dua").last
    async with page.expect_download() as started:
        await link.click()
    download = await started.value
    assert download.suggested_filename == "dang-ky-thi-dua-quang-nam-2024-2026-11-20.xlsx"
    saved = tmp_path / download.suggested_filename
    await download.save_as(saved)
    book = openpyxl.load_workbook(saved)
    assert book.sheetnames == SHEETS
    assert book["Đăng ký"].max_row == 55


async def test_the_browser_keeps_the_servers_cookie_out_of_scripts_and_a_second_device_joins(
    browser: Browser, quick_bot: Bot
) -> None:
    url = f"http://127.0.0.1:{quick_bot.app.port}/"
    first = await browser.new_context(locale="vi-VN")
    second = await browser.new_context(locale="vi-VN")
    try:
        phone = await first.new_page()
        await phone.goto(url)
        await bot_says(phone, "Xin chào!")
        [cookie] = await first.cookies()
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]
        assert await phone.evaluate("document.cookie") == ""  # no script can read it
        await send(phone, await quick_bot.invite("NUITHANH"))
        await bot_says(phone, "Liên kết thành công!")
        await send(phone, "/thietbi")
        await bot_says(phone, "Mã cho thiết bị khác")
        shown = await phone.locator(".msg.bot").last.inner_text()
        code = shown.split(": ", 1)[1].split()[0]

        laptop = await second.new_page()
        await laptop.goto(url)
        await bot_says(laptop, "Xin chào!")
        await send(laptop, code)
        await bot_says(laptop, "Thiết bị này đã mở tài khoản của anh/chị")
        await bot_says(laptop, "UBND huyện Núi Thành")

        await send(laptop, "/taikhoan")  # the laptop is lost: its account is signed out
        await bot_says(laptop, "Tài khoản: web:")
        shown = await laptop.locator(".msg.bot").last.inner_text()
        ref = "web:" + shown.split("web:")[1].split()[0]
        await cli.revoke(make_settings(quick_bot.settings.database_url), ref)
        await send(phone, "xin chào")
        await expect(phone.locator(".note")).to_contain_text("Thiết bị này đã được đăng xuất")
        assert "Núi Thành" not in await phone.locator("#log").inner_text()
        await phone.reload()
        assert "Núi Thành" not in await phone.locator("#log").inner_text()
    finally:
        await first.close()
        await second.close()


async def test_a_leader_linked_before_cookies_is_still_linked_after_the_upgrade(
    browser: Browser, quick_bot: Bot
) -> None:
    """The page of before kept its own id in the browser's storage."""
    old = "00112233445566778899aabbccddeeff"
    await quick_bot.person(old, direct=True).say(await quick_bot.invite("TIENPHUOC"))
    context = await browser.new_context(locale="vi-VN")
    await context.add_init_script(f"localStorage.setItem('thidua.session', '{old}')")
    try:
        page = await context.new_page()
        await page.goto(f"http://127.0.0.1:{quick_bot.app.port}/")
        await bot_says(page, "Tài khoản này đại diện cho UBND huyện Tiên Phước")
        assert await page.evaluate("localStorage.getItem('thidua.session')") is None
    finally:
        await context.close()


async def test_the_page_speaks_the_persons_language_shows_the_unit_and_commands_can_be_tapped(
    page: Page, quick_bot: Bot
) -> None:
    await bot_says(page, "Xin chào!")
    assert await page.locator(".msg.me").count() == 0  # no "/start" the person never typed
    await send(page, await quick_bot.invite("DUYXUYEN"))
    await bot_says(page, "Liên kết thành công!")
    await expect(page.locator("header #status")).to_have_text(" · UBND huyện Duy Xuyên")
    await page.locator(".msg.bot .cmd", has_text="/dangky").last.click()  # tapped, not typed
    await bot_says(page, "(1/9)")
    assert "anh/chị" in await page.locator(".msg.bot").last.inner_text()
    await expect(page.locator(".msg.bot .cmd", has_text="/ch")).to_have_count(0)  # "anh/chị"
    await page.locator("header #lang").click()  # the VI/EN switch
    await bot_says(page, "From now on I will write in English.")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.locator("#text")).to_have_attribute("placeholder", "Type a message…")
    await expect(page.locator("#send")).to_have_text("Send")
    await expect(page.locator("header #lang")).to_have_text("VI")
    await page.reload()  # the choice stays with the page
    await expect(page.locator("#text")).to_have_attribute("placeholder", "Type a message…")
