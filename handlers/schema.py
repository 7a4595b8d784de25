"""The building blocks of a campaign file's schema: texts in both languages, keys and names."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints


def _needs_vietnamese(value: dict[str, str]) -> dict[str, str]:
    if not value.get("vi", "").strip():
        raise ValueError("a Vietnamese text ('vi') is required")
    return value


Language = Literal["vi", "en"]
Localized = Annotated[dict[Language, str], AfterValidator(_needs_vietnamese)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,24}$")]
UnitCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9_]{2,24}$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Asked = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]
FieldKind = Literal["choice", "count", "multichoice", "list", "text", "name", "phone"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
