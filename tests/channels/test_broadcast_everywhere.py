"""Announcements from the web to leaders on every channel at once: Telegram, Zalo Bot, Zalo OA
and the web chat. The chosen groups get it exactly once each, the others never; blocked and
out-of-window people are shown before sending and counted after; «Dừng gửi» cancels the rest."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from dataclasses import dataclass, field

from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Bot, Chat, Clock
from sqlalchemy import select
from telegram_people import TelegramUser
from zalo_people import zalo_bot

from storage.models import Account

TEXT = "Đề nghị các đơn vị gửi báo cáo sơ kết trước ngày 15/6."
LINKED = "Liên kết thành công!"
CHOSEN = ("khoi_tong_hop", "khoi_kinh_te", "cum_dong_bang")  # cum_mien_nui is left out
REPORT_WAIT = 15.0  # the worker polls every 0.5 s, the progress loop every 3 s


def on_every_channel(
    url: str,
    clock: Clock,
    telegram: FakeTelegram,
    *,
    bot: FakeZaloBot | None = None,
    oa: FakeZaloOA | None = None,
    telegram_rate_per_s: float = 25.0,
) -> contextlib.AbstractAsyncContextManager[Bot]:
    """One bot on Telegram (polling), the given Zalo fakes and the web chat."""
    return zalo_bot(
        url,
        clock,
        bot=bot,
        oa=oa,
        telegram_bot_token=telegram.token,
        telegram_api_base_url=telegram.api_url,
        telegram_rate_per_s=telegram_rate_per_s,
    )


@dataclass
class Leader:
    """A unit's leader on one channel, and what reached them of the announcement."""

    channel: str
    unit: str
    user: str
    web: Chat | None = None
    fetched: list[str] = field(default_factory=list)  # web: what the page took from the inbox


class Everyone:
    """The leaders of the test, on the fakes of every channel."""

    def __init__(
        self, bot: Bot, telegram: FakeTelegram, zbot: FakeZaloBot, oa: FakeZaloOA
    ) -> None:
        self.bot, self.telegram, self.zbot, self.oa = bot, telegram, zbot, oa
        self.leaders: list[Leader] = []
        self._ids = iter(range(7001, 8000))

    async def link(self, channel: str, unit: str) -> Leader:
        code = await self.bot.invite(unit)
        n = next(self._ids)
        if channel == "telegram":
            person = TelegramUser(self.telegram, n)
            await person.say("/start " + code)
            leader, said = Leader(channel, unit, str(n)), person.texts
        elif channel == "zalo_bot":
            user = f"zb{n:018x}"
            await self.zbot.user_says(user, code)
            leader, said = Leader(channel, unit, user), self.zbot.texts(user)
        elif channel == "zalo_oa":
            user = f"24684588352961{n}"
            await self.oa.user_says(user, code)
            leader, said = Leader(channel, unit, user), self.oa.texts(user)
        else:
            chat = self.bot.person()
            await chat.say(code)
            leader, said = Leader(channel, unit, chat.name, web=chat), [chat.text]
        assert any(LINKED in t for t in said), (channel, unit, said)
        self.leaders.append(leader)
        return leader

    def texts(self, leader: Leader) -> list[str]:
        if leader.channel == "telegram":
            return self.telegram.texts(int(leader.user))
        if leader.channel == "zalo_bot":
            return self.zbot.texts(leader.user)
        if leader.channel == "zalo_oa":
            return self.oa.texts(leader.user)
        return leader.fetched

    async def fetch(self, leader: Leader) -> None:
        """What the web page of this leader takes from the inbox now."""
        assert leader.web is not None
        leader.fetched += [s.text for s in await leader.web.inbox()]

    def copies(self, leader: Leader) -> int:
        return sum(1 for t in self.texts(leader) if TEXT in t)


async def wait_until_blocked(bot: Bot, channel: str, user: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with bot.app.db.transaction() as session:
            account = await session.scalar(
                select(Account).where(Account.channel == channel, Account.user_id == user)
            )
            if account is not None and account.blocked:
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{channel}:{user} was never marked as having blocked the bot")


async def report_for(admin: Chat, number: int, head: str, seen: list[str]) -> str:
    """The report in the admin's web inbox, once it has come; every text taken goes to `seen`."""
    deadline = time.monotonic() + REPORT_WAIT
    while time.monotonic() < deadline:
        seen += [s.text for s in await admin.inbox()]
        found = [t for t in seen if t.startswith(head.format(number=number))]
        if found:
            assert len(found) == 1, found
            return found[0]
        await asyncio.sleep(0.2)
    raise AssertionError(f"no report of #{number}; the admin's inbox had {seen}")


def the_number(replies: str) -> int:
    found = re.search(r"Thông báo #(\d+) đang được gửi tới (\d+) người", replies)
    assert found, replies
    return int(found.group(1))


async def test_a_broadcast_to_three_groups_reaches_exactly_their_people_on_every_channel(
    database_url: str,
    clock: Clock,
    telegram_api: FakeTelegram,
    zalo_bot_api: FakeZaloBot,
    zalo_oa_api: FakeZaloOA,
) -> None:
    async with on_every_channel(
        database_url, clock, telegram_api, bot=zalo_bot_api, oa=zalo_oa_api
    ) as bot:
        people = Everyone(bot, telegram_api, zalo_bot_api, zalo_oa_api)
        # On Zalo OA in Tam Kỳ, last heard from eight days before the announcement.
        silent = await people.link("zalo_oa", "TAMKY")
        clock.advance(days=8)

        chosen = [
            await people.link("telegram", "STC"),  # khoi_tong_hop
            await people.link("zalo_bot", "STP"),
            await people.link("web", "SKHDT"),
            await people.link("zalo_oa", "SCT"),  # khoi_kinh_te
            await people.link("web", "SGTVT"),
            await people.link("zalo_bot", "HOIAN"),  # cum_dong_bang
            await people.link("telegram", "DIENBAN"),
        ]
        blocker = await people.link("telegram", "SXD")  # khoi_kinh_te, then blocks the bot
        others = [  # cum_mien_nui, not chosen: one on each channel
            await people.link("telegram", "NONGSON"),
            await people.link("zalo_bot", "TIENPHUOC"),
            await people.link("zalo_oa", "HIEPDUC"),
            await people.link("web", "BACTRAMY"),
        ]
        telegram_api.block(int(blocker.user))
        await TelegramUser(telegram_api, int(blocker.user)).say("/help")  # the answer gets 403
        await wait_until_blocked(bot, "telegram", blocker.user)

        admin = bot.admin()
        await admin.say("/thongbao " + TEXT)
        await admin.tap("Bỏ qua")
        await admin.tap("Một số khối thi đua")
        for key in CHOSEN:
            await admin.press(f"bc:grp:{key}")
        assert sum(label.startswith("✅ ") for s in admin.last for label, _ in s.buttons) == 3
        await admin.press("bc:grp:done")
        await admin.press("bc:ack:no")
        preview = admin.text
        assert f"\n\n{TEXT}" in preview, preview  # what the leaders will see
        groups = "Khối các cơ quan tổng hợp; Khối các cơ quan kinh tế; Cụm thi đua các huyện"
        assert f"Gửi tới các khối: {groups}" in preview and "(24 đơn vị)" in preview, preview
        assert "Telegram: 2 người có thể nhận; 1 người đã chặn bot" in preview, preview
        assert "Zalo Bot: 2 người có thể nhận" in preview, preview
        assert "Zalo OA: 1 người có thể nhận; 1 người quá 7 ngày chưa nhắn Zalo OA" in preview
        assert "Web: 2 người có thể nhận" in preview, preview

        await admin.tap("Xác nhận")
        number = the_number(admin.text)
        assert "đang được gửi tới 9 người" in admin.text, admin.text
        # The web pages fetch at once: those rows count as sent once taken.
        for leader in [*chosen, *others]:
            if leader.web is not None:
                await people.fetch(leader)

        seen: list[str] = []
        report = await report_for(admin, number, "Thông báo #{number} đã gửi xong.", seen)
        for leader in [*chosen, *others]:  # the web pages look once more: nothing new
            if leader.web is not None:
                await people.fetch(leader)

        got = {(x.channel, x.unit): people.copies(x) for x in chosen}
        assert got == {k: 1 for k in got}, got
        for leader in chosen:
            if leader.channel != "web":  # the web inbox carries the announcement alone
                continue
            assert leader.fetched[-1].startswith(
                f"📢 Thông báo của cơ quan thường trực thi đua (#{number})"
            ), leader.fetched
        missed = {(x.channel, x.unit): people.copies(x) for x in [*others, blocker, silent]}
        assert missed == {k: 0 for k in missed}, missed
        for leader in others:
            assert not any(TEXT in t for t in people.texts(leader)), people.texts(leader)

        assert "Đã gửi: 7" in report, report
        assert "Đã chặn bot hoặc rời đi: 1" in report, report
        assert "Quá 7 ngày chưa nhắn Zalo OA: 1" in report, report
        assert "Lỗi: 0" in report, report
        assert "Đang chờ trên trang web" not in report, report
        assert "Đã hủy trước khi gửi" not in report, report


async def test_stop_sending_cancels_what_is_not_sent_yet(
    database_url: str, clock: Clock, telegram_api: FakeTelegram
) -> None:
    units = ["SNV", "STC", "SKHDT", "STP", "SNGV", "TTT", "VPUBND", "BDT", "SCT", "SNNPTNT"]
    units += ["SGTVT", "SXD", "STNMT", "SKHCN", "BQLKKT", "TAMKY", "HOIAN", "DIENBAN"]
    units += ["DUYXUYEN", "DAILOC"]
    async with on_every_channel(database_url, clock, telegram_api) as bot:  # the usual pace
        people = Everyone(bot, telegram_api, FakeZaloBot(), FakeZaloOA(clock.now))
        leaders = [await people.link("telegram", unit) for unit in units]
    async with on_every_channel(database_url, clock, telegram_api, telegram_rate_per_s=2) as bot:
        admin = bot.admin()
        await admin.say("/thongbao " + TEXT)
        await admin.tap("Bỏ qua")
        await admin.tap("Tất cả đơn vị đã liên kết")
        await admin.press("bc:ack:no")
        assert "Telegram: 20 người có thể nhận" in admin.text, admin.text
        await admin.tap("Xác nhận")
        number = the_number(admin.text)
        stop = admin.last[-1].payload("Dừng gửi")
        assert stop == f"bcx:stop:{number}"

        def arrived() -> int:
            return sum(1 for x in leaders if people.copies(x) > 0)

        deadline = time.monotonic() + 8
        while arrived() < 2:
            assert time.monotonic() < deadline, "the announcement never started to arrive"
            await asyncio.sleep(0.02)
        at_stop = arrived()
        await admin.press(stop)
        found = re.search(
            r"Đã dừng: (\d+) tin chưa gửi của thông báo #(\d+) đã được hủy", admin.text
        )
        assert found and int(found.group(2)) == number, admin.text
        cancelled = int(found.group(1))
        print(f"arrived before stop: {at_stop}; cancelled: {cancelled}")

        seen: list[str] = []
        report = await report_for(admin, number, "Thông báo #{number} đã bị dừng.", seen)
        await asyncio.sleep(3)  # anything still sending would have arrived by now (2 a second)
        delivered = arrived()
        print(f"delivered in the end: {delivered}")
        assert all(people.copies(x) <= 1 for x in leaders)
        counted = re.search(r"Đã hủy trước khi gửi: (\d+)", report)
        assert counted, report
        dropped = int(counted.group(1))
        assert f"Đã gửi: {delivered}" in report, report
        assert delivered + dropped == 20, (delivered, dropped, report)
        assert dropped >= 10 and delivered < 10, (dropped, delivered)
        # the stop's count may include what was already on its way to Telegram, no more
        assert 0 <= cancelled - dropped <= 2, (cancelled, dropped)
