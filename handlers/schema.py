"""The building blocks of a campaign file's schema: texts in both languages, keys and names."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)


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


class Option(Strict):
    key: Key
    label: Localized


class FormField(Strict):
    key: Key
    kind: FieldKind
    label: Localized
    ask: Localized
    hint: Localized | None = None
    options: list[Option] = []
    maximum: int = Field(default=100_000, ge=0)
    min_length: int = Field(default=1, ge=1)
    max_length: int = Field(default=500, ge=1, le=4000)
    max_items: int = Field(default=10, ge=1, le=50)
    needs_number: bool = False  # a target must be measurable: it carries a figure
    # a count that is usually not more than another ("cstd_co_so" are chosen among the
    # "ld_tien_tien"): more gets a warning to keep or change, not a refusal
    at_most: Key | None = None

    @model_validator(mode="after")
    def _options_match_kind(self) -> FormField:
        wants_options = self.kind in ("choice", "multichoice")
        if wants_options and len(self.options) < 2:
            raise ValueError(f"a {self.kind} field needs at least two options")
        if not wants_options and self.options:
            raise ValueError(f"a {self.kind} field takes no options")
        if len({o.key for o in self.options}) != len(self.options):
            raise ValueError("option keys must be unique")
        if self.min_length > self.max_length:
            raise ValueError("min_length is larger than max_length")
        return self

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)
