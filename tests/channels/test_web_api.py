"""The web chat over HTTP: the API contract, bad requests, replays and the health check."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from harness import Bot
from sqlalchemy import func, select

from bot.channels.web import channel as web_channel
from storage.db import Database
from storage.models import PledgeRevision, ProcessedEvent


async def test_the_api_answers_text_and_buttons(bot: Bot) -> None:
    leader = bot.person()
    status, body = await leader.post({"text": "/start"})
    assert status == 200
    assert body["replies"] == [
        {
            "text": body["replies"][0]["text"],  # type: ignore[index]
            "buttons": [{"label": "Trợ giúp", "payload": "cmd:help"}],
            "attachments": [],
        }
    ]
    status, body = await leader.post({"payload": "cmd:help"})
    assert status == 200 and "Các lệnh có thể dùng:" in str(body["replies"])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ([1, 2], "the body must be a JSON object"),
        ({}, "send 'text', 'payload' or 'file'"),
        ({"session": "leader-0002"}, "send 'text', 'payload' or 'file'"),
        ({"text": "x" * 10_001}, "at most 10000 characters"),
        ({"payload": "p" * 65}, "'payload' must be a string of 1 to 64"),
        ({"text": "hi", "id": 7}, "'id' must be a string"),
    ],
)
async def test_a_malformed_request_is_refused_with_the_reason(
    quick_bot: Bot, body: object, reason: str
) -> None:
    status, answer = await quick_bot.person().post(body)
    assert status == 400 and reason in str(answer["error"])


async def test_a_body_that_is_not_json_is_refused(quick_bot: Bot) -> None:
    assert quick_bot.http is not None
    async with quick_bot.http.post("/api/chat", data=b"{not json") as response:
        assert response.status == 400
        assert (await response.json()) == {"error": "the body must be JSON"}


async def test_a_replayed_message_is_handled_once(bot: Bot) -> None:
    code, leader = await bot.invite("QUESON"), bot.person()
    await leader.post({"text": code, "id": "m1"})
    await leader.post({"text": "/dangky", "id": "m2"})
    first = await leader.post({"payload": "opt:co_ubnd", "id": "m3"})
    again = await leader.post({"payload": "opt:bang_khen", "id": "m3"})
    assert "Đã lưu: Cờ thi đua" in str(first[1]["replies"])
    assert again == first  # the same answer again, and nothing done twice
    async with bot.app.db.transaction() as session:
        changes = await session.scalar(
            select(func.count()).select_from(PledgeRevision).where(PledgeRevision.field == "title")
        )
        events = await session.scalar(select(func.count()).select_from(ProcessedEvent))
    assert changes == 1 and events == 3


async def test_the_page_and_the_health_check_are_served(bot: Bot) -> None:
    assert bot.http is not None
    async with bot.http.get("/") as response:
        page = await response.text()
        assert response.status == 200 and response.content_type == "text/html"
    assert "api/chat" in page and 'name="viewport"' in page
    async with bot.http.get("/healthz") as response:
        assert response.status == 200
        assert await response.json() == {
            "status": "ok",
            "database": "ok",
            "campaign": "quang-nam-2024",
            "channels": {"web": "ok"},
        }


@pytest.fixture
async def unreachable_database_server(quick_bot: Bot) -> AsyncIterator[str]:
    """The web app of a running bot, but over a database that does not answer."""
    down = Database("postgresql://postgres@127.0.0.1:9/none")
    assert quick_bot.app.dispatcher is not None
    application = web_channel.build(quick_bot.app.dispatcher, down, quick_bot.clock.now, "x")
    runner = web.AppRunner(application)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()
    await down.dispose()


async def test_health_check_reports_a_database_that_does_not_answer(
    unreachable_database_server: str,
) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.get(unreachable_database_server + "/healthz") as response,
    ):
        assert response.status == 503
        body = await response.json()
    assert body["status"] == "error" and body["database"].startswith("unreachable")
