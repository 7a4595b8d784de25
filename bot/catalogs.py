"""Message catalogs read straight from the .po files, so no compiled file can go stale."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = ("vi", "en")


def load_catalogs(directory: Path) -> dict[str, gettext.NullTranslations]:
    catalogs: dict[str, gettext.NullTranslations] = {}
    for locale in LOCALES:
        path = directory / locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as po:
            catalog = read_po(po, locale=locale)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        catalogs[locale] = gettext.GNUTranslations(buffer)
        Locale.parse(locale).date_formats  # noqa: B018 - load CLDR data now, not on a first message
    return catalogs
