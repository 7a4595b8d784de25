"""A worksheet written row by row, remembering how wide each column needs to be."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

WIDEST = 60  # characters: longer text wraps


@dataclass
class Sheet:
    """A worksheet written row by row, remembering how wide each column needs to be."""

    sheet: Any
    widths: list[int]

    def row(self, number: int, values: Sequence[Any], formats: Sequence[Any]) -> None:
        for column, (value, style) in enumerate(zip(values, formats, strict=True)):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                self.sheet.write_datetime(number, column, value, style)
                width = 16
            elif isinstance(value, int | float):
                self.sheet.write_number(number, column, value, style)
                width = len(str(value)) + 2
            else:
                text = str(value)
                self.sheet.write_string(number, column, text, style)
                width = max(len(line) for line in text.splitlines() or [""]) + 2
            self.widths[column] = max(self.widths[column], min(width, WIDEST))

    def fit(self, wrap: Any) -> None:
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, width, wrap if width >= WIDEST else None)
