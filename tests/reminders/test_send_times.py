"""The plan's send time, quiet hours, weekends and per-deadline changes: in the campaign file,
checked by `campaign check`, followed by the tick, and a reload counts from the next tick."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from clockwork import run_until, vn
from harness import Bot, Clock, linked, make_settings, register_everything

from handlers.campaign import CampaignError, load_campaign
from handlers.reminders.plan import steps

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT = ROOT / "campaigns" / "quang-nam-2024.yaml"
REGISTRATION_DUE = "    due: 2026-12-31T17:00:00\n"


def campaign_with(tmp_path: Path, plan: str = "", registration: str = "") -> Path:
    """The default campaign with a `reminders:` section and changes to its registration."""
    text = DEFAULT.read_text(encoding="utf-8")
    assert REGISTRATION_DUE in text
    text = text.replace(REGISTRATION_DUE, REGISTRATION_DUE + registration)
    path = tmp_path / "campaign.yaml"
    path.write_text(text + ("\nreminders:\n" + plan if plan else ""), encoding="utf-8")
    return path


@pytest.fixture
async def start_bot(database_url: str, clock: Clock) -> AsyncIterator[object]:
    """Starts the bot on each database with a campaign file of the test's own."""
    bots: list[Bot] = []

    async def start(campaign: Path) -> Bot:
        bot = Bot(make_settings(database_url, campaign_file=campaign), clock)
        await bot.start()
        bots.append(bot)
        return bot

    yield start
    for bot in bots:
        await bot.stop()


def moments(path: Path, key: str = "registration") -> list[tuple[int, object]]:
    campaign = load_campaign(path)
    deadline = campaign.deadline(key)
    assert deadline is not None
    return [(s.number, s.at) for s in steps(campaign, deadline)]


def test_the_default_plan_and_a_deadline_of_its_own(tmp_path: Path) -> None:
    assert moments(DEFAULT) == [
        (14, vn(2026, 12, 17, 8)),
        (7, vn(2026, 12, 24, 8)),
        (3, vn(2026, 12, 28, 8)),
        (1, vn(2026, 12, 30, 8)),
        (0, vn(2026, 12, 31, 8)),
        (-1, vn(2027, 1, 3, 8)),
        (-2, vn(2027, 1, 6, 8)),
        (-3, vn(2027, 1, 9, 8)),
    ]
    # the review is done when the unit's report is submitted: overdue steps follow it too
    assert [n for n, _ in moments(DEFAULT, "mid_year")] == [14, 7, 3, 1, 0, -1, -2, -3]
    own = campaign_with(
        tmp_path,
        registration="    reminders: {steps_days: [2], send_at: '14:30', overdue_times: 1}\n",
    )
    assert moments(own) == [(2, vn(2026, 12, 29, 14, 30)), (-1, vn(2027, 1, 3, 14, 30))]
    assert moments(own, "mid_year")[0] == (14, vn(2027, 6, 1, 8))  # the campaign's plan


def test_quiet_hours_and_weekends_move_a_step_later(tmp_path: Path) -> None:
    late = campaign_with(tmp_path, plan='  send_at: "22:30"\n  steps_days: [3]\n')
    assert moments(late)[0] == (3, vn(2026, 12, 29, 7))  # 22:30 on the 28th is quiet: 07:00
    open_night = campaign_with(
        tmp_path, plan='  send_at: "22:30"\n  quiet_hours: ""\n  steps_days: [3]\n'
    )
    assert moments(open_night)[0] == (3, vn(2026, 12, 28, 22, 30))
    # 14 days before 31/12/2026 is Thursday 17/12; 12 days before is Saturday 19/12
    weekdays = campaign_with(tmp_path, plan="  weekends: false\n  steps_days: [12, 14]\n")
    assert moments(weekdays)[:2] == [(14, vn(2026, 12, 17, 8)), (12, vn(2026, 12, 21, 8))]
    both = campaign_with(tmp_path, plan="  weekends: false\n  steps_days: [11, 12]\n")
    assert moments(both)[0] == (11, vn(2026, 12, 21, 8))  # Saturday and Sunday: one, on Monday


@pytest.mark.parametrize(
    ("plan", "problem"),
    [
        ('  send_at: "25:00"\n', "reminders.send_at"),
        ('  quiet_hours: "9-17"\n', "reminders.quiet_hours"),
        ("  steps_days: [7, 3, 7]\n", "steps_days: 7 appears twice"),
        ('  quiet_hours: "21:00-21:00"\n', 'starts and ends at the same time: write "" for none'),
        ('  send_time: "09:00"\n', "reminders.send_time: unknown key; did you mean 'send_at'?"),
        ("  steps_days: [-1]\n", "reminders.steps_days[0]"),
        ("  overdue_every_days: 0\n", "reminders.overdue_every_days"),
        ("  weekend: false\n", "reminders.weekend"),
    ],
)
def test_campaign_check_names_a_wrong_plan(tmp_path: Path, plan: str, problem: str) -> None:
    with pytest.raises(CampaignError) as error:
        load_campaign(campaign_with(tmp_path, plan=plan))
    assert any(problem in line for line in error.value.problems), error.value.problems


async def test_the_send_time_holds_to_the_minute(start_bot: object, tmp_path: Path) -> None:
    path = campaign_with(tmp_path, plan='  send_at: "10:15"\n  quiet_hours: ""\n')
    bot: Bot = await start_bot(path)  # type: ignore[operator]
    bot.clock.set(vn(2026, 12, 30, 10, 0))
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    got = await run_until(bot, vn(2026, 12, 30, 10, 30), {"l": leader}, every=timedelta(minutes=1))
    assert [g.at for g in got["l"]] == [vn(2026, 12, 30, 10, 15)]


async def test_nothing_goes_out_in_quiet_hours(start_bot: object, tmp_path: Path) -> None:
    path = campaign_with(tmp_path, plan='  send_at: "22:30"\n')
    bot: Bot = await start_bot(path)  # type: ignore[operator]
    bot.clock.set(vn(2026, 12, 30, 20, 0))
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    got = await run_until(bot, vn(2026, 12, 31, 9), {"l": leader}, every=timedelta(minutes=30))
    # the 1-day step, 22:30 on the 30th, waits for the night to end
    assert [g.at for g in got["l"]] == [vn(2026, 12, 31, 7)]
    assert "còn 10 giờ" in got["l"][0].text


async def test_a_reloaded_plan_counts_from_the_next_tick(
    start_bot: object, tmp_path: Path
) -> None:
    path = campaign_with(tmp_path, plan='  send_at: "08:00"\n')
    bot: Bot = await start_bot(path)  # type: ignore[operator]
    bot.clock.set(vn(2026, 12, 30, 9, 0))  # today's 08:00 step has passed
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    path.write_text(path.read_text(encoding="utf-8").replace('"08:00"', '"09:30"'), "utf-8")
    assert await bot.app.reload_campaign()
    got = await run_until(bot, vn(2026, 12, 30, 10), {"l": leader}, every=timedelta(minutes=10))
    assert [g.at for g in got["l"]] == [vn(2026, 12, 30, 9, 30)]


def test_a_send_time_in_quiet_hours_is_allowed_with_a_warning(tmp_path: Path) -> None:
    campaign = load_campaign(campaign_with(tmp_path, plan='  quiet_hours: "07:00-21:00"\n'))
    no_phone = (
        "office: no phone or e-mail for the emulation office, so people who are told to "
        "contact it are not told how"
    )  # the shipped file leaves them for the office to fill in
    assert campaign.warnings() == [
        "reminders: send_at 08:00 falls in quiet_hours 07:00-21:00, so every reminder waits "
        "for their end",
        no_phone,
    ]
    assert load_campaign(DEFAULT).warnings() == [no_phone]


def test_an_unquoted_time_is_read_as_the_time_it_looks_like(tmp_path: Path) -> None:
    # YAML reads 14:00 without quotes as the number 840; the plan takes it back as 14:00
    assert moments(campaign_with(tmp_path, plan="  send_at: 14:00\n"))[0][1] == vn(
        2026, 12, 17, 14
    )


def test_the_default_file_still_checks(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(DEFAULT, copy)
    assert load_campaign(copy).reminders.steps_days == [14, 7, 3, 1, 0]


async def test_a_moved_deadline_starts_its_steps_afresh(start_bot: object, tmp_path: Path) -> None:
    path = campaign_with(tmp_path, plan="  steps_days: [7]\n  overdue_times: 0\n")
    bot: Bot = await start_bot(path)  # type: ignore[operator]
    bot.clock.set(vn(2026, 12, 23, 9))
    leader = await linked(bot, "TAMKY")
    await bot.app.reminders.tick()
    got = await run_until(bot, vn(2026, 12, 25, 9), {"l": leader})
    assert [g.at for g in got["l"]] == [vn(2026, 12, 24, 8)]

    # the office extends registration by two weeks
    moved = path.read_text("utf-8").replace(REGISTRATION_DUE, "    due: 2027-01-14T17:00:00\n")
    path.write_text(moved, "utf-8")
    assert await bot.app.reload_campaign()
    got = await run_until(bot, vn(2027, 1, 15, 9), {"l": leader})
    assert [g.at for g in got["l"]] == [vn(2027, 1, 7, 8)]  # 7 days before the new date
    assert "Hạn chót: 17:00 ngày 14/01/2027 — còn 7 ngày." in got["l"][0].text


async def test_no_digest_on_a_day_when_every_unit_has_registered(
    start_bot: object, tmp_path: Path
) -> None:
    data = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
    data["units"] = [u for u in data["units"] if u["code"] in ("TAMKY", "SNV")]
    path = tmp_path / "two-units.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    bot: Bot = await start_bot(path)  # type: ignore[operator]
    bot.clock.set(vn(2026, 12, 16, 9))
    office = bot.person("office-session")
    await office.say("/start")
    await bot.app.reminders.tick()
    assert office.user_id is not None
    await bot.grant(office.user_id, "staff")
    first, second = await linked(bot, "TAMKY"), await linked(bot, "SNV")
    await register_everything(first)

    got = await run_until(bot, vn(2026, 12, 17, 9), {"office": office})
    assert [g.text.splitlines()[0] for g in got["office"]] == ["📋 Báo cáo buổi sáng, 17/12/2026"]
    await register_everything(second)
    got = await run_until(bot, vn(2026, 12, 19, 9), {"office": office})
    assert got["office"] == []  # nothing pending: no digest
