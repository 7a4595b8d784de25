"""Settings from the environment or a .env file; a wrong value stops start-up with one line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CHANNELS = ("telegram", "zalo_oa", "zalo_bot", "web")
ROOT = Path(__file__).resolve().parent.parent


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
            if channel not in CHANNELS or not user_id:
                raise ValueError(
                    f"{admin!r} is not CHANNEL:USER_ID with CHANNEL one of {', '.join(CHANNELS)}"
                )
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

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.bot_timezone)


class SettingsError(Exception):
    """One line per wrong setting, named as it is set in the environment."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            name = str(problem["loc"][0]).upper() if problem["loc"] else "settings"
            lines.append(f"{name}: {problem['msg'].removeprefix('Value error, ')}")
        raise SettingsError("; ".join(lines)) from None
