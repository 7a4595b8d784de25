"""A changed campaign file is picked up without a restart; a broken one is not."""

from __future__ import annotations

import shutil
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


async def test_a_new_faq_entry_is_answered_after_a_reload(
    sqlite_url: str, clock: Clock, tmp_path: Path
) -> None:
    campaign = tmp_path / "campaign.yaml"
    shutil.copy(ROOT / "campaigns" / "quang-nam-2024.yaml", campaign)
    bot = Bot(make_settings(sqlite_url, campaign_file=campaign), clock)
    await bot.start()
    try:
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
    finally:
        await bot.stop()
