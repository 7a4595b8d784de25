"""Steps the review tests share: a pledge with three targets, a whole report, the clock ticked."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from harness import VN, Bot, Chat, register_everything

TARGETS = (
    "Giải quyết 100% hồ sơ đúng hạn",
    "Trồng 5.000 cây xanh trong năm",
    "Tổ chức 12 buổi tuyên truyền",
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


async def pledge_three_targets(leader: Chat) -> None:
    """A submitted pledge with three key targets."""
    await register_everything(leader, TARGETS)


async def report_all(leader: Chat, assessments: tuple[str, str, str]) -> None:
    """The whole mid-year report: three results with these assessments, no signed copy."""
    await leader.say("/baocao")
    for number, assessment in enumerate(assessments, start=1):
        await leader.say(f"Kết quả {number}: đạt 50%")
        await leader.tap(assessment)
    for count in ("2", "20", "1.000"):
        await leader.say(count)
    await leader.say("Đơn vị hoàn thành phần lớn chỉ tiêu sáu tháng đầu năm")
    await leader.say("Không")
    await leader.say("Không")
    await leader.tap("Bỏ qua")
    await leader.tap("Xác nhận và gửi")
    assert "đã được gửi lúc" in leader.text


async def tick_until(
    bot: Bot, until: datetime, chats: dict[str, Chat], every: timedelta
) -> dict[str, list[tuple[datetime, Any]]]:
    """Tick the reminder clock every `every` up to `until`; what each chat received, and when."""
    got: dict[str, list[tuple[datetime, Any]]] = {name: [] for name in chats}
    while bot.clock.now() < until:
        bot.clock.set(min(bot.clock.now() + every, until))
        await bot.app.reminders.tick()
        for name, chat in chats.items():
            got[name] += [(bot.clock.now().astimezone(VN), s) for s in await chat.inbox()]
    return got


async def download(bot: Bot, url: str) -> bytes:
    assert bot.http is not None
    async with bot.http.get(url) as response:
        assert response.status == 200
        return await response.read()
