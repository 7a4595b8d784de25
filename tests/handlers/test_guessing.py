"""Invite-code guessing is limited per account, per client address and overall: fresh web
sessions from one address give no fresh guesses, and a spread-out attack pauses linking."""

from __future__ import annotations

from typing import Any

from harness import Bot
from sqlalchemy import select

from storage.models import LinkFailure

WRONG = "WXYZ-2345"


async def send(bot: Bot, text: str, address: str) -> str:
    """A request of a fresh browser (no cookie: a new account each time), as it reaches the
    bot behind the reverse proxy (X-Forwarded-For)."""
    assert bot.http is not None
    body: dict[str, Any] = {"text": text}
    headers = {"X-Forwarded-For": f"10.9.8.7, {address}"}  # the proxy adds the last one
    async with bot.http.post("/api/chat", json=body, headers=headers) as answer:
        assert answer.status == 200
        return "\n".join(r["text"] for r in (await answer.json())["replies"])


async def test_fresh_sessions_from_one_address_share_its_limit(bot: Bot) -> None:
    said = [await send(bot, WRONG, "203.0.113.5") for _ in range(100 * 3 // 10)]
    wrong = [s for s in said if s.startswith("Mã chưa đúng")]
    limited = [s for s in said if "Có quá nhiều mã sai được gửi từ mạng này" in s]
    assert len(wrong) == 10 and len(limited) == len(said) - 10
    assert "thử lại sau 09:15 ngày 20/11/2026" in limited[0]
    good = await bot.invite("TAMKY")
    assert "Liên kết thành công" in await send(bot, good, "198.51.100.7")  # another network
    bot.clock.advance(minutes=16)
    assert "Liên kết thành công" in await send(bot, await bot.invite("HOIAN"), "203.0.113.5")


async def test_a_spread_out_attack_pauses_linking_for_everyone_a_while(bot: Bot) -> None:
    for n in range(10):
        for _ in range(10):
            await send(bot, WRONG, f"192.0.2.{n}")
    good = await bot.invite("TAMKY")
    paused = await send(bot, good, "198.51.100.9")
    assert paused.startswith("Việc liên kết tạm dừng vài phút vì có nhiều mã sai được thử.")
    bot.clock.advance(minutes=16)
    assert "Liên kết thành công" in await send(bot, good, "198.51.100.9")  # the code still works


async def test_a_forwarded_address_that_is_no_address_is_not_kept(quick_bot: Bot) -> None:
    assert quick_bot.http is not None
    headers = {"X-Forwarded-For": "<script>alert(1)</script>"}
    async with quick_bot.http.post("/api/chat", json={"text": WRONG}, headers=headers) as r:
        assert r.status == 200
    async with quick_bot.app.db.transaction() as db:
        origins = list(await db.scalars(select(LinkFailure.origin)))
    assert origins == ["127.0.0.1"]
