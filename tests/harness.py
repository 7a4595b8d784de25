"""Test harness: a clock the test moves, a running bot, and a person chatting with it."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from sqlalchemy import select

from bot.app import App
from bot.channels.web.identity import COOKIE
from bot.settings import Settings
from handlers.types import Identity, Incoming, unpack
from storage import accounts, devices, outbox
from storage.campaigns import find_unit
from storage.invites import display_code, issue_invite
from storage.models import Pledge

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Clock:
    """Time for the bot under test: it only moves when the test says so."""

    current: datetime = field(default_factory=lambda: datetime(2026, 11, 20, 9, 0, tzinfo=VN))

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.current = moment


@dataclass(frozen=True)
class Said:
    """One reply as a person sees it."""

    text: str
    buttons: list[tuple[str, str]]
    files: list[dict[str, Any]] = field(default_factory=list)  # {kind, name, url} on the web

    def payload(self, label_part: str) -> str:
        matches = [p for label, p in self.buttons if label_part in label]
        assert len(matches) == 1, f"no single button with {label_part!r} in {self.buttons}"
        return matches[0]


def make_settings(url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": url,
        "http_port": 0,
        "reminder_tick_seconds": 0,  # a test ticks the reminder clock itself
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


def said(body: dict[str, Any]) -> list[Said]:
    """The replies of a web API answer, as a person sees them."""
    return [
        Said(r["text"], [(b["label"], b["payload"]) for b in r["buttons"]], r["attachments"])
        for r in body["replies"]
    ]


class Bot:
    """A running bot on a real database; `restart()` builds a fresh App on the same database."""

    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings, self.clock = settings, clock
        self.app = App(settings, now=clock.now)
        self.http: aiohttp.ClientSession | None = None
        self.people: dict[str, Chat] = {}

    async def start(self) -> None:
        await self.app.start()
        self.http = aiohttp.ClientSession(base_url=f"http://127.0.0.1:{self.app.port}")

    async def stop(self) -> None:
        if self.http is not None:
            await self.http.close()
            self.http = None
        await self.app.stop()

    async def restart(self) -> None:
        await self.stop()
        self.app = App(self.settings, now=self.clock.now)
        await self.start()

    async def invite(self, unit_code: str, role: str = "leader", days: int = 14) -> str:
        async with self.app.db.transaction() as session:
            unit = await find_unit(session, self.app.campaign.id, unit_code)
            assert unit is not None, unit_code
            code, _ = await issue_invite(
                session, unit, role=role, at=self.clock.now(), lifetime=timedelta(days=days)
            )
        return display_code(code)

    async def pledge(self, unit_code: str) -> Pledge | None:
        """The unit's pledge as stored, read in a transaction of its own."""
        async with self.app.db.transaction() as session:
            unit = await find_unit(session, self.app.campaign.id, unit_code)
            assert unit is not None, unit_code
            return await session.scalar(select(Pledge).where(Pledge.unit_id == unit.id))

    def person(
        self,
        name: str | None = None,
        *,
        direct: bool = False,
        locale: str = "vi",
        role: str | None = None,
    ) -> Chat:
        """A person on the web chat; the same name is the same person (and browser)."""
        if name is not None and name in self.people:
            return self.people[name]
        chat = Chat(self, name or uuid.uuid4().hex[:16], direct=direct, locale=locale, role=role)
        if name is not None:
            self.people[name] = chat
        return chat

    def admin(self, name: str = "office", *, direct: bool = False, locale: str = "vi") -> Chat:
        """Someone of the office whose web account the operator made admin (main.py grant)."""
        return self.person(name, direct=direct, locale=locale, role="admin")

    async def grant(self, user_id: str, role: str) -> None:
        async with self.app.db.transaction() as db:
            await accounts.grant_role(db, "web", user_id, role, locale="vi", at=self.clock.now())


class Chat:
    """A person on the web chat: a browser over HTTP that keeps the server's cookie, or
    (`direct`) straight into the dispatcher as the web account `name`. With a `role`, the
    account is granted it before the person's first message."""

    _ids = itertools.count(1)

    def __init__(
        self, bot: Bot, name: str, *, direct: bool, locale: str, role: str | None = None
    ) -> None:
        self.bot, self.name, self.direct, self.locale = bot, name, direct, locale
        self.role, self.cookie = role, ""
        self.user_id: str | None = name if direct else None  # the server's, once it is known
        self.last: list[Said] = []

    async def ready(self) -> None:
        """An account for a person with a role: opened now (a device, as the page's first
        request opens one) and granted, as the operator would with main.py grant."""
        if self.role is None:
            return
        if self.user_id is None:
            async with self.bot.app.db.transaction() as db:
                self.cookie, device = await devices.new_device(db, self.bot.clock.now())
                self.user_id = device.user_id
        await self.bot.grant(self.user_id, self.role)
        self.role = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Cookie": f"{COOKIE}={self.cookie}"} if self.cookie else {}

    def keep(self, response: aiohttp.ClientResponse) -> None:
        """What a browser does with the server's Set-Cookie."""
        if (morsel := response.cookies.get(COOKIE)) is not None:
            self.cookie = morsel.value

    async def say(self, text: str) -> list[Said]:
        return await self._send({"text": text})

    async def press(self, payload: str) -> list[Said]:
        return await self._send({"payload": payload})

    async def tap(self, label_part: str) -> list[Said]:
        """Press the button of the last reply whose label contains `label_part`."""
        buttons = [b for said in self.last for b in said.buttons if label_part in b[0]]
        assert len(buttons) == 1, f"no single button {label_part!r} in {self.last}"
        return await self.press(buttons[0][1])

    async def inbox(self) -> list[Said]:
        """What the web page fetches: messages others sent this person (over HTTP)."""
        await self.ready()
        if self.direct:  # what the page's request takes, taken here
            async with self.bot.app.db.transaction() as db:
                rows = await outbox.take_for(db, "web", self.name, self.bot.clock.now())
                replies = [reply for row in rows for reply in unpack(row.payload)]
            self.last = [Said(r.text, [(b.label, b.payload) for b in r.buttons]) for r in replies]
            return self.last
        assert self.bot.http is not None
        async with self.bot.http.post("/api/inbox", headers=self.headers) as answer:
            assert answer.status == 200, await answer.text()
            self.keep(answer)
            self.last = said(await answer.json())
        return self.last

    async def post(
        self, body: object, path: str = "/api/chat", *, kind: str = "application/json"
    ) -> tuple[int, Any]:
        """A request as this browser sends it, with any body (a dict as JSON, text or bytes)."""
        assert self.bot.http is not None
        await self.ready()
        data = (
            body if isinstance(body, bytes) else body.encode() if isinstance(body, str) else None
        )
        sent = {"data": data} if data is not None else {"json": body}
        headers = {**self.headers, "Content-Type": kind}
        async with self.bot.http.post(path, headers=headers, **sent) as response:  # type: ignore[arg-type]
            self.keep(response)
            return response.status, await response.json()

    @property
    def text(self) -> str:
        return "\n".join(said.text for said in self.last)

    async def _send(self, body: dict[str, Any]) -> list[Said]:
        event_id = f"t{next(self._ids)}"
        await self.ready()
        if self.direct:
            assert self.bot.app.dispatcher is not None
            replies = await self.bot.app.dispatcher.handle(
                Incoming(
                    identity=Identity("web", self.name),
                    chat_id=self.name,
                    event_id=event_id,
                    received_at=self.bot.clock.now(),
                    text=body.get("text", ""),
                    payload=body.get("payload"),
                    locale_hint=self.locale,
                )
            )
            self.last = [Said(r.text, [(b.label, b.payload) for b in r.buttons]) for r in replies]
            return self.last
        assert self.bot.http is not None
        request = {"id": event_id, "locale": self.locale, **body}
        async with self.bot.http.post("/api/chat", json=request, headers=self.headers) as response:
            assert response.status == 200, await response.text()
            self.keep(response)
            self.last = said(await response.json())
        if self.user_id is None:
            async with self.bot.app.db.transaction() as db:
                device = await devices.device_of(db, self.cookie, self.bot.clock.now())
                self.user_id = device.user_id if device is not None else None
        return self.last


async def linked(bot: Bot, unit: str, **kwargs: object) -> Chat:
    person = bot.person(**kwargs)  # type: ignore[arg-type]
    await person.say(await bot.invite(unit))
    assert "Liên kết thành công" in person.text
    return person


TARGETS = ("Giải quyết 100% hồ sơ đúng hạn", "Trồng 5.000 cây xanh trong năm")


async def register_everything(leader: Chat, targets: tuple[str, ...] = TARGETS) -> None:
    """Answer every question of the default form (with these key targets) and confirm."""
    await leader.say("/dangky")
    await leader.tap("Tập thể lao động xuất sắc")
    await leader.say("3")
    await leader.say("25")
    await leader.say("1.200")
    await leader.tap("Kiện toàn")
    await leader.tap("chuyển đổi số")
    await leader.tap("Xong")
    await leader.say("\n".join(targets))
    await leader.tap("Xong")
    await leader.say("Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024")
    await leader.say("Nguyễn Văn An")
    await leader.say("0905 123 456")
    await leader.tap("Xác nhận")
    assert "đã được gửi lúc" in leader.text
