"""Composition root and command line: read settings, then run the bot or one sub-command."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot import cli
from bot.settings import SettingsError, StartupError, load_settings
from handlers.campaign import CampaignError
from storage.accounts import ROLES


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="main.py", description="Thi đua bot")
    top.add_argument(
        "-v", "--verbose", action="store_true", help="log what happens, not only the result"
    )
    commands = top.add_subparsers(dest="command")
    run = commands.add_parser("run", help="start the bot (the default)")
    run.add_argument(
        "--migrate", action="store_true", help="apply every migration first, in the same process"
    )
    db = commands.add_parser("db", help="database schema").add_subparsers(
        dest="action", required=True
    )
    db.add_parser("upgrade", help="apply every migration")
    campaign = commands.add_parser("campaign", help="campaign files")
    campaign_actions = campaign.add_subparsers(dest="action", required=True)
    check = campaign_actions.add_parser("check", help="validate a campaign file")
    check.add_argument("file", type=Path)
    invite = commands.add_parser(
        "invite", help="print a one-time code that links a chat to a unit"
    )
    invite.add_argument("unit_code")
    invite.add_argument("--role", choices=ROLES, default="leader")
    invite.add_argument("--days", type=int, default=14, help="days until it expires (14)")
    grant = commands.add_parser("grant", help="give an account a role")
    grant.add_argument("role", choices=ROLES)
    grant.add_argument("who", metavar="CHANNEL:USER_ID", help="as the person's /whoami shows it")
    grant.add_argument(
        "--force", action="store_true", help="grant an id that has never written to the bot"
    )
    commands.add_parser("units", help="list the campaign's units and their codes, by group")
    revoke = commands.add_parser("revoke", help="sign a web chat account out of every device")
    revoke.add_argument("who", metavar="web:REFERENCE")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    talkative = args.verbose or args.command in (None, "run")  # a sub-command prints its result
    logging.basicConfig(
        level=logging.INFO if talkative else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs each index it builds
    try:
        if args.command == "campaign":
            print(cli.campaign_check(args.file))
            return 0
        settings = load_settings()
        if args.command == "db":
            print(asyncio.run(cli.db_upgrade(settings)))
        elif args.command == "invite":
            print(asyncio.run(cli.make_invite(settings, args.unit_code, args.role, args.days)))
        elif args.command == "grant":
            print(asyncio.run(cli.grant(settings, args.role, args.who, force=args.force)))
        elif args.command == "units":
            print(cli.units(settings))
        elif args.command == "revoke":
            print(asyncio.run(cli.revoke(settings, args.who)))
        else:
            asyncio.run(cli.run(settings, migrate=getattr(args, "migrate", False)))
    except CampaignError as error:
        print(f"campaign file {error.path} is not valid:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    except (SettingsError, StartupError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
