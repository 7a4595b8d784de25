"""Settings from the environment or a .env file; a wrong value stops start-up with one line."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CHANNELS = ("telegram", "zalo_oa", "zalo_bot", "web")


def id_problem(channel: str, user_id: str) -> str | None:
    """What is wrong with CHANNEL:USER_ID as a person's id, or None."""
    if channel not in CHANNELS or not user_id:
        return f"is not CHANNEL:USER_ID with CHANNEL one of {', '.join(CHANNELS)}"
    if channel == "telegram" and not user_id.isdigit():  # negative ids are group chats
        return "is not a person's Telegram id: a number (the person's /whoami shows it)"
    if not user_id.isascii() or not all(c.isalnum() or c in "-_" for c in user_id):
        return "is not an id: letters, digits, '-' and '_' only (the person's /whoami shows it)"
    return None


ROOT = Path(__file__).resolve().parent.parent
WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/thidua.db"
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535)
    campaign_file: Path = ROOT / "campaigns" / "quang-nam-2024.yaml"
    bot_timezone: str = "Asia/Ho_Chi_Minh"
    bot_default_locale: Literal["vi", "en"] = "vi"
    bot_admins: Annotated[tuple[str, ...], NoDecode] = ()
    locales_dir: Path = ROOT / "locales"
    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    public_url: str | None = None  # how platforms reach this server, for media links
    zalo_bot_token: SecretStr | None = None
    zalo_bot_api_base_url: str = "https://bot-api.zaloplatforms.com"
    zalo_bot_webhook_url: str | None = None
    zalo_bot_webhook_secret: SecretStr | None = None
    zalo_oa_app_id: str | None = None
    zalo_oa_secret_key: SecretStr | None = None
    zalo_app_secret_key: SecretStr | None = None
    zalo_oa_refresh_token: SecretStr | None = None
    zalo_oa_api_base_url: str = "https://openapi.zalo.me"
    zalo_oauth_base_url: str = "https://oauth.zaloapp.com"
    # Sending rates (messages per second). Telegram allows about 30/s overall and 1/s per chat;
    # Zalo publishes no per-second figure (OA: 4,000 calls a minute per app), so stay low.
    telegram_rate_per_s: float = Field(default=25.0, gt=0, le=1000)
    telegram_rate_per_chat_per_s: float = Field(default=1.0, gt=0, le=100)
    zalo_bot_rate_per_s: float = Field(default=5.0, gt=0, le=1000)
    zalo_bot_rate_per_chat_per_s: float = Field(default=1.0, gt=0, le=100)
    zalo_oa_rate_per_s: float = Field(default=10.0, gt=0, le=1000)
    zalo_oa_rate_per_chat_per_s: float = Field(default=1.0, gt=0, le=100)
    outbox_concurrency: int = Field(default=32, ge=1, le=1000)
    # how long a row an instance claimed stays its own (renewed while it sends): after a crash,
    # another instance sends it once this has run out
    outbox_lease_seconds: float = Field(default=30.0, ge=3, le=3600)
    shutdown_grace_seconds: float = Field(default=10.0, ge=0, le=600)
    # how often the reminder clock ticks; 0: never by itself (tests tick it by hand)
    reminder_tick_seconds: float = Field(default=60.0, ge=0, le=3600)
    # a demo: the bot's time starts at this moment (BOT_TIMEZONE when no offset) and runs on
    demo_clock_start: datetime | None = None

    @field_validator("bot_admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("bot_admins")
    @classmethod
    def _known_channels(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for admin in value:
            channel, _, user_id = admin.partition(":")
            if channel == "web":  # a web id in a setting would be a password: grant by account
                raise ValueError(
                    f"{admin!r}: only Telegram and Zalo ids are taken here; make a web chat "
                    "account admin with `python main.py grant admin web:REF` (REF from /whoami)"
                )
            if (problem := id_problem(channel, user_id)) is not None:
                raise ValueError(f"{admin!r} {problem}".replace(", web", ""))
        return value

    @field_validator("bot_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}, e.g. Asia/Ho_Chi_Minh") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError("use sqlite:///path or postgresql://user@host/db")
        return value.replace("postgres://", "postgresql://", 1)

    @field_validator(
        "telegram_api_base_url",
        "telegram_webhook_url",
        "public_url",
        "zalo_bot_api_base_url",
        "zalo_bot_webhook_url",
        "zalo_oa_api_base_url",
        "zalo_oauth_base_url",
    )
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.rstrip("/") if value else value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _secret_charset(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET.match(value.get_secret_value()):
            raise ValueError("1 to 256 characters, only A-Z a-z 0-9 _ - (Telegram's rule)")
        return value

    @field_validator("zalo_bot_webhook_secret")
    @classmethod
    def _zalo_secret_length(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not 8 <= len(value.get_secret_value()) <= 256:
            raise ValueError("8 to 256 characters (Zalo's rule)")
        return value

    @model_validator(mode="after")
    def _webhooks_need_secrets(self) -> Settings:
        for url, secret, name in (
            (self.telegram_webhook_url, self.telegram_webhook_secret, "TELEGRAM"),
            (self.zalo_bot_webhook_url, self.zalo_bot_webhook_secret, "ZALO_BOT"),
        ):
            if url and secret is None:
                raise ValueError(
                    f"{name}_WEBHOOK_SECRET is required with {name}_WEBHOOK_URL, so that forged "
                    "updates can be told apart"
                )
        oa = (self.zalo_oa_app_id, self.zalo_oa_secret_key, self.zalo_app_secret_key)
        if any(oa) and not all(oa):
            raise ValueError(
                "Zalo OA needs ZALO_OA_APP_ID, ZALO_OA_SECRET_KEY and ZALO_APP_SECRET_KEY together"
            )
        return self

    @property
    def zalo_oa_enabled(self) -> bool:
        return self.zalo_oa_app_id is not None

    @property
    def demo_start(self) -> datetime | None:
        start = self.demo_clock_start
        if start is None or start.tzinfo is not None:
            return start
        return start.replace(tzinfo=self.zone)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.bot_timezone)


class SettingsError(Exception):
    """One line per wrong setting, named as it is set in the environment."""


class StartupError(Exception):
    """The bot cannot start as configured: an old schema, a refused token."""


class PlatformDown(Exception):
    """A platform cannot be reached now: its channel starts degraded and keeps trying."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            name = str(problem["loc"][0]).upper() if problem["loc"] else "settings"
            lines.append(f"{name}: {problem['msg'].removeprefix('Value error, ')}")
        raise SettingsError("; ".join(lines)) from None
