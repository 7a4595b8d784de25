"""The command line as an operator uses it: a real process, real settings, a real database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "campaigns" / "quang-nam-2024.yaml"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "HTTP_", "BOT_"))
    }
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_shipped_campaign_file_is_valid() -> None:
    done = run("campaign", "check", str(CAMPAIGN))
    assert done.returncode == 0, done.stderr
    assert "valid — 54 units, 9 form fields, 3 deadlines, 5 passages" in done.stdout
    lines = done.stdout.splitlines()  # the reminder plan, as it will run
    assert "  registration: due 2026-12-31 17:00, done when the pledge is submitted" in lines
    assert "    Thu 2026-12-17 08:00  14 days before" in lines
    assert "    Thu 2026-12-31 08:00  on the day" in lines
    assert "    Sat 2027-01-09 08:00  overdue, reminder 3" in lines
    review = "  mid_year: due 2027-06-15 17:00, done when the unit's review report is submitted"
    assert review in lines and "    Fri 2027-06-18 08:00  overdue, reminder 1" in lines


def test_a_broken_campaign_file_names_each_key_path(tmp_path: Path) -> None:
    text = CAMPAIGN.read_text(encoding="utf-8")
    text = text.replace("code: TAMKY,", "code: tam ky,")
    text = text.replace("    kind: count\n    maximum: 1000", "    kind: count\n    maximum: -1")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    done = run("campaign", "check", str(broken))
    assert done.returncode == 2
    assert "units[22].code: String should match pattern" in done.stderr
    assert "form[1].maximum: Input should be greater than or equal to 0" in done.stderr
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("key: [unclosed\n", encoding="utf-8")
    done = run("campaign", "check", str(bad_yaml))
    assert done.returncode == 2 and "line 2, column 1: not valid YAML" in done.stderr


def test_an_unknown_group_is_named(tmp_path: Path) -> None:
    text = CAMPAIGN.read_text(encoding="utf-8").replace(
        "{code: NONGSON, name: UBND huyện Nông Sơn, kind: district, group: cum_mien_nui}",
        "{code: NONGSON, name: UBND huyện Nông Sơn, kind: district, group: nowhere}",
    )
    path = tmp_path / "group.yaml"
    path.write_text(text, encoding="utf-8")
    done = run("campaign", "check", str(path))
    assert done.returncode == 2
    assert "units[31].group: no group 'nowhere' in groups" in done.stderr


@pytest.mark.parametrize(
    ("env", "line"),
    [
        ({"HTTP_PORT": "eighty"}, "HTTP_PORT: Input should be a valid integer"),
        ({"BOT_TIMEZONE": "Mars/Olympus"}, "BOT_TIMEZONE: unknown timezone 'Mars/Olympus'"),
        ({"BOT_ADMINS": "telegram:1,fax:2"}, "BOT_ADMINS: 'fax:2' is not CHANNEL:USER_ID"),
        (
            {"BOT_ADMINS": "telegram:1,web:admin-session"},
            "only Telegram and Zalo ids are taken here; make a web chat account admin "
            "with `python main.py grant admin web:REF` (REF from /whoami)",
        ),
        (
            {"BOT_ADMINS": "telegram:@nguyenvana"},
            "BOT_ADMINS: 'telegram:@nguyenvana' is not a person's Telegram id: a number",
        ),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL: use sqlite:///path or postgresql://"),
        ({"BOT_DEFAULT_LOCALE": "fr"}, "BOT_DEFAULT_LOCALE: Input should be 'vi' or 'en'"),
    ],
)
def test_a_wrong_setting_stops_start_up_with_one_clear_line(
    env: dict[str, str], line: str
) -> None:
    done = run("run", env=env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and line in done.stderr, done.stderr


def test_start_refuses_a_database_that_was_not_migrated(tmp_path: Path) -> None:
    done = run("run", env={"DATABASE_URL": f"sqlite:///{tmp_path}/empty.db", "HTTP_PORT": "0"})
    assert done.returncode == 2
    assert (
        "error: the database schema is not up to date: run `python main.py db upgrade`"
        in done.stderr
    )


def test_run_with_migrate_upgrades_a_fresh_database_and_serves(tmp_path: Path) -> None:
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "HTTP_", "BOT_"))
    }
    env = {**clean, "DATABASE_URL": f"sqlite:///{tmp_path}/fresh.db", "HTTP_PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, "main.py", "run", "--migrate"],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                time.sleep(0.05)
        else:
            raise AssertionError("the bot did not serve")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "is up to date" in output and "Thi đua bot is running" in output


def test_upgrade_invite_and_grant_on_a_fresh_database(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/var/bot.db"}
    assert run("db", "upgrade", env=env).returncode == 0
    done = run("invite", "tamky", "--role", "staff", "--days", "3", env=env)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^Invite code: [A-Z2-9]{4}-[A-Z2-9]{4}$", done.stdout, re.MULTILINE)
    assert "Unit: TAMKY — UBND thành phố Tam Kỳ\nRole: staff\n" in done.stdout
    assert done.stderr == ""  # only the result: no migration or index-building lines
    missing = run("invite", "NOWHERE", env=env)
    assert missing.returncode == 2 and "no unit with code 'NOWHERE'" in missing.stderr
    typo = run("invite", "TAMKI", env=env)
    assert "did you mean TAMKY (UBND thành phố Tam Kỳ)? `main.py units` lists them" in typo.stderr
    never = run("grant", "admin", "telegram:12345", env=env)  # never wrote to the bot: a typo?
    assert never.returncode == 2 and "has never written to the bot" in never.stderr
    granted = run("grant", "admin", "telegram:12345", "--force", env=env)
    assert granted.returncode == 0 and "telegram:12345 is now admin" in granted.stdout
    assert granted.stderr == ""
    listed = run("units", env=env)
    assert listed.returncode == 0 and "\nKhối các cơ quan tổng hợp\n  SNV " in listed.stdout
    wrong = run("grant", "admin", "pager:1", env=env)
    assert wrong.returncode == 2 and "'pager:1' is not CHANNEL:USER_ID" in wrong.stderr
    nobody = run("grant", "admin", "web:3f9c2a7b1c4d", env=env)  # no one opened it: a typo?
    assert nobody.returncode == 2
    assert "no web chat account 'web:3f9c2a7b1c4d': the person opens the chat" in nobody.stderr
    typo = run("grant", "admin", "telegram:abc", env=env)
    assert typo.returncode == 2 and "'telegram:abc' is not a person's Telegram id" in typo.stderr
    group = run("grant", "admin", "telegram:-5", env=env)  # a group chat, not a person
    assert group.returncode == 2 and "is not a person's Telegram id" in group.stderr
    nobody = run("revoke", "web:3f9c2a7b1c4d", env=env)
    assert nobody.returncode == 2 and "no web chat account 'web:3f9c2a7b1c4d'" in nobody.stderr
