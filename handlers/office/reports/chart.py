"""The office's chart: one stacked bar per emulation group (submitted, draft, not started), as a
PNG. matplotlib draws it off screen (Agg) with DejaVu Sans, which matplotlib ships and which has
every Vietnamese letter; it is imported on first use, so commands that draw nothing start fast."""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from handlers.office.reports.standing import STAGES, Counts

WIDTH = 1200  # pixels; readable on a phone when zoomed, sharp on a desk
DPI = 100
COLOURS = {"submitted": "#2e7d32", "draft": "#f0a500", "not_started": "#c9ced6"}


@dataclass(frozen=True, slots=True)
class ChartWords:
    """Everything the chart says, already in the reader's language."""

    title: str
    subtitle: str  # the campaign and the moment of the figures
    due: str  # the deadline and the time left
    stages: dict[str, str]  # stage -> its name in the legend
    axis: str  # "Units"
    groups: list[tuple[str, Counts]]  # group name -> counts, top to bottom


def size(groups: int) -> tuple[int, int]:
    """The PNG's width and height in pixels for this many groups."""
    return WIDTH, 260 + 80 * max(groups, 3)


def font_file() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def render(words: ChartWords) -> bytes:
    """The chart as PNG bytes. Pure and thread-safe: one Figure, no pyplot state."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import MaxNLocator

    font = font_file()
    regular, bold = FontProperties(fname=font, size=12), FontProperties(fname=font, size=18)
    width, height = size(len(words.groups))
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.3, 90 / height, 0.66, 1 - 235 / height))
    names = [
        "\n".join(textwrap.fill(part, 36) for part in name.split("\n")) for name, _ in words.groups
    ]
    rows = list(range(len(words.groups)))
    left = [0] * len(rows)
    for where in STAGES:
        values = [getattr(counts, where) for _, counts in words.groups]
        bars = axes.barh(rows, values, left=left, color=COLOURS[where], label=words.stages[where])
        for bar, value in zip(bars, values, strict=True):
            if value:
                axes.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(value),
                    ha="center",
                    va="center",
                    fontproperties=regular,
                    color="white" if where == "submitted" else "#222222",
                )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(rows, names, fontproperties=regular)
    axes.invert_yaxis()
    axes.set_xlim(0, max([*left, 1]) * 1.02)
    axes.set_xlabel(words.axis, fontproperties=regular)
    for label in axes.get_xticklabels():
        label.set_fontproperties(regular)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    figure.text(0.02, 1 - 40 / height, words.title, fontproperties=bold, va="center")
    for n, line in enumerate((words.subtitle, words.due)):
        figure.text(
            0.02,
            1 - (72 + 24 * n) / height,
            line,
            fontproperties=regular,
            color="#444444",
            va="center",
        )
    axes.legend(
        prop=regular, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False
    )
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
