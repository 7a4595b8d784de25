"""Files staff send on Zalo for an announcement: a photo on the Bot Platform, a photo or a file
on an OA, each fetched from the link Zalo gives and kept for the recipients."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Bot, Clock
from sqlalchemy import select
from zalo_people import zalo_bot

from storage.models import Media

PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg " * 50
LETTER = b"%PDF-1.4 cong van " * 80


@pytest.fixture
async def cdn() -> AsyncIterator[str]:
    """Zalo's file servers: the links in events point here."""
    files = {"photo.jpg": PHOTO, "letter.pdf": LETTER}

    async def serve(request: web.Request) -> web.Response:
        return web.Response(body=files[request.match_info["name"]])

    app = web.Application()
    app.router.add_get("/{name}", serve)
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    yield f"http://127.0.0.1:{server.port}"
    await server.close()


async def stored(bot: Bot) -> list[bytes]:
    async with bot.app.db.transaction() as session:
        return [m.data for m in await session.scalars(select(Media))]


async def test_a_photo_on_the_zalo_bot_goes_with_the_announcement(
    sqlite_url: str, clock: Clock, cdn: str
) -> None:
    fake = FakeZaloBot()
    await fake.start()
    try:
        async with zalo_bot(sqlite_url, clock, bot=fake) as bot:
            staff = "zalo-staff-1"
            await fake.user_says(staff, await bot.invite("SNV", role="staff"))
            await fake.user_says(staff, "/thongbao Ảnh hội nghị sơ kết")
            update = {
                "event_name": "message.image.received",
                "message": {
                    "message_id": "img-0001-abcdef",
                    "date": 1750316200000,
                    "chat": {"id": staff, "chat_type": "PRIVATE"},
                    "from": {"id": staff, "display_name": "Cán bộ", "is_bot": False},
                    "photo_url": f"{cdn}/photo.jpg",
                },
            }
            await fake.deliver(update)
            assert any("Đã nhận tệp: zalo-photo-" in t for t in fake.texts(staff))
            assert PHOTO in await stored(bot)
    finally:
        await fake.stop()


async def test_a_file_on_the_oa_goes_with_the_announcement(
    sqlite_url: str, clock: Clock, cdn: str
) -> None:
    fake = FakeZaloOA(clock.now)
    await fake.start()
    try:
        async with zalo_bot(sqlite_url, clock, oa=fake) as bot:
            staff = "3000000000000000001"
            await fake.user_says(staff, await bot.invite("SNV", role="staff"))
            await fake.user_says(staff, "/thongbao Công văn hướng dẫn sơ kết")
            event = fake.event(staff, "", name="user_send_file")
            event["message"]["attachments"] = [
                {"type": "file", "payload": {"url": f"{cdn}/letter.pdf", "name": "cong-van.pdf"}}
            ]
            assert await fake.post(event) == 200
            assert any("Đã nhận tệp: cong-van.pdf." in t for t in fake.texts(staff))
            assert LETTER in await stored(bot)
    finally:
        await fake.stop()
