"""A changed campaign file is picked up without a restart; a broken one is not."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

from harness import Bot, Clock, make_settings

ROOT = Path(__file__).resolve().parent.parent
NEW_ENTRY = """
  - id: kinh_phi
    questions:
      - Kinh phí tổ chức hội nghị sơ kết lấy từ đâu?
    answer:
      vi: Kinh phí sơ kết, tổng kết bố trí trong dự toán chi thường xuyên của đơn vị.
    source: bot
"""
NEW_UNIT = (
    "  - {code: CDQN, name: Trường Cao đẳng Quảng Nam, kind: department, group: khoi_tong_hop}\n"
)
OTHERS = "Chỉ cơ quan thường trực thi đua mới xem được tình hình của các đơn vị khác."


@contextlib.asynccontextmanager
async def running_on(campaign: Path, sqlite_url: str, clock: Clock) -> AsyncIterator[Bot]:
    """A bot started on a copy of the campaign file at `campaign`, which a test may change."""
    shutil.copy(ROOT / "campaigns" / "quang-nam-2024.yaml", campaign)
    bot = Bot(make_settings(sqlite_url, campaign_file=campaign), clock)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


async def test_a_new_faq_entry_is_answered_after_a_reload(
    sqlite_url: str, clock: Clock, tmp_path: Path
) -> None:
    campaign = tmp_path / "campaign.yaml"
    async with running_on(campaign, sqlite_url, clock) as bot:
        person = bot.person(direct=True)
        await person.say("kinh phi to chuc hoi nghi so ket lay tu dau")
        assert "Tôi chưa chắc" in person.text
        assert not await bot.app.reload_campaign()  # nothing changed yet

        campaign.write_text(campaign.read_text(encoding="utf-8") + NEW_ENTRY, encoding="utf-8")
        assert await bot.app.reload_campaign()
        await person.say("kinh phi to chuc hoi nghi so ket lay tu dau")
        assert "dự toán chi thường xuyên" in person.text

        campaign.write_text("key: [broken\n", encoding="utf-8")
        assert not await bot.app.reload_campaign()
        await person.say("kinh phi to chuc hoi nghi so ket lay tu dau")
        assert "dự toán chi thường xuyên" in person.text  # the last good campaign still runs


async def test_a_unit_added_by_a_reload_is_known_to_questions(
    sqlite_url: str, clock: Clock, tmp_path: Path
) -> None:
    """Questions find the units they name in a list read once per campaign file: a reload
    that adds a unit brings it in."""
    campaign = tmp_path / "campaign.yaml"
    async with running_on(campaign, sqlite_url, clock) as bot:
        leader = bot.person(direct=True)
        await leader.say(await bot.invite("QUESON"))
        asked = "Trường Cao đẳng Quảng Nam đã nộp đăng ký chưa?"
        await leader.say(asked)
        assert OTHERS not in leader.text  # no such unit: the leader's own is shown
        assert "UBND huyện Quế Sơn" in leader.text

        text = campaign.read_text(encoding="utf-8")
        at = text.index("  - {code: STC,")
        campaign.write_text(text[:at] + NEW_UNIT + text[at:], encoding="utf-8")
        assert await bot.app.reload_campaign()
        await leader.say(asked)
        assert OTHERS in leader.text  # another unit now: only the office sees how it stands
        assert "UBND huyện Quế Sơn" in leader.text
