"""Telegram command menus: Vietnamese and English, office commands only for office people."""

from __future__ import annotations

import gettext
import logging
from collections.abc import Mapping

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from handlers.router import Router

log = logging.getLogger(__name__)


def menu(
    router: Router, role: str, locale: str, catalog: gettext.NullTranslations
) -> list[BotCommand]:
    """The commands a role may use; Vietnamese menus show the Vietnamese aliases (/dangky)."""
    entries = []
    for command in router.visible_commands(role):
        name = command.aliases[0] if locale == "vi" and command.aliases else command.name
        entries.append(BotCommand(name, catalog.gettext(command.description)[:256]))
    return entries


class Menus:
    def __init__(
        self,
        bot: Bot,
        router: Router,
        catalogs: Mapping[str, gettext.NullTranslations],
        default_locale: str,
    ) -> None:
        self._bot, self._router, self._catalogs = bot, router, catalogs
        self._default = default_locale

    async def set_defaults(self) -> None:
        """Everyone's menu: the default language without a language code, the others with one."""
        for locale, catalog in self._catalogs.items():
            commands = menu(self._router, "leader", locale, catalog)
            code = None if locale == self._default else locale
            await self._set(commands, BotCommandScopeDefault(), code)

    async def set_for_chat(self, chat_id: int, role: str, locale: str) -> None:
        """One person's menu, in their chosen language, with their role's commands."""
        catalog = self._catalogs.get(locale) or self._catalogs[self._default]
        await self._set(
            menu(self._router, role, locale, catalog), BotCommandScopeChat(chat_id), None
        )

    async def _set(self, commands: list[BotCommand], scope: object, language: str | None) -> None:
        try:
            await self._bot.set_my_commands(commands, scope=scope, language_code=language)  # type: ignore[arg-type]
        except TelegramError as error:  # a menu is a convenience: never stop the bot for it
            log.warning("telegram menu not set: %s", error.message)
