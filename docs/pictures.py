"""Draws the README's pictures from the real files: docs/chart.png is what /bieudo sends, and
docs/workbook.png shows the workbook /xuatexcel sends, read back with openpyxl and laid out as a
spreadsheet program shows it, photographed by headless Chromium.

    .venv/bin/python docs/pictures.py      (or: make pictures)

The data: the default campaign's 54 units on 20/12/2026, half of them submitted, some drafts.
"""

from __future__ import annotations

import asyncio
import html
import io
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from openpyxl.utils import get_column_letter
from playwright.async_api import async_playwright
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import App  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.types import Attachment, Identity, Incoming  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Account, Pledge, PledgeRevision, Unit  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 20, 9, 0, tzinfo=VN)
PEOPLE = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Võ Thị Hà",
    "Huỳnh Ngọc Khánh",
    "Đặng Thu Lan",
    "Bùi Đức Minh",
]
TARGETS = [
    "Giải quyết 100% hồ sơ thủ tục hành chính đúng hạn",
    "Tỷ lệ giải ngân vốn đầu tư công đạt trên 95%",
    "Trồng 5.000 cây xanh trong năm 2024",
    "Tổ chức 12 buổi sinh hoạt chuyên đề về văn hóa công sở",
]


def answers(n: int) -> dict[str, object]:
    return {
        "title": ("co_ubnd", "bang_khen", "tt_xuat_sac", "tt_tien_tien")[n % 4],
        "cstd_tinh": 1 + n % 4,
        "cstd_co_so": 8 + 3 * (n % 9),
        "ld_tien_tien": 40 + 17 * (n % 13),
        "movements": ["kien_toan", "chuyen_doi_so", "van_hoa_cong_so"][: 1 + n % 3],
        "targets": TARGETS[n % 2 : n % 2 + 2 + n % 2],
        "commitment": "Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024.",
        "contact_name": PEOPLE[n % len(PEOPLE)],
        "contact_phone": f"0905{n:06d}",
    }


async def fill(db: Database, campaign_id: int) -> None:
    start = NOW - timedelta(days=20)
    async with db.transaction() as session:
        units = list(
            await session.scalars(
                select(Unit.id).where(Unit.campaign_id == campaign_id).order_by(Unit.code)
            )
        )
        session.add(
            Account(
                channel="web",
                user_id="pictures-admin",
                locale="vi",
                role="admin",
                created_at=start,
            )
        )
        for n, unit in enumerate(units):
            kind = (n * 7) % 10  # 0-4 submitted, 5-6 draft, 7-9 not started
            if kind >= 7:
                continue
            submitted = kind < 5
            full = answers(n)
            fields = full if submitted else dict(list(full.items())[: 2 + n % 5])
            at = start + timedelta(days=n % 17, hours=8 + n % 9, minutes=(13 * n) % 60)
            pledge = (
                await session.execute(
                    insert(Pledge).returning(Pledge.id),
                    [
                        {
                            "unit_id": unit,
                            "campaign_id": campaign_id,
                            "status": "submitted" if submitted else "draft",
                            "fields": fields,
                            "created_at": at,
                            "updated_at": at,
                            "submitted_at": at if submitted else None,
                            "version": 1,
                        }
                    ],
                )
            ).scalar_one()
            await session.execute(
                insert(PledgeRevision),
                [
                    {"pledge_id": pledge, "field": key, "old": None, "new": value, "at": at}
                    for key, value in fields.items()
                ],
            )


async def ask(app: App, text: str) -> Attachment:
    assert app.dispatcher is not None
    replies = await app.dispatcher.handle(
        Incoming(
            identity=Identity("web", "pictures-admin"),
            chat_id="pictures-admin",
            event_id=text,
            received_at=NOW,
            text=text,
        )
    )
    [file] = [a for r in replies for a in r.attachments]
    return file


def sheet_html(data: bytes, title: str, rows: int = 16) -> str:
    """A sheet as a spreadsheet program shows it: letters, row numbers, grid, tabs."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[title]
    columns = sheet.max_column
    widths = [
        sheet.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, columns + 1)
    ]
    cells = []
    head = "".join(
        f'<th style="width:{w * 7.2:.0f}px">{get_column_letter(c)}</th>'
        for c, w in enumerate(widths, start=1)
    )
    cells.append(f'<tr><th class="corner"></th>{head}</tr>')
    for r, row in enumerate(sheet.iter_rows(max_row=rows), start=1):
        tds = []
        for cell in row:
            value = cell.value
            if isinstance(value, datetime):
                shown = value.strftime("%d/%m/%Y %H:%M")
            elif isinstance(value, float):
                shown = f"{value:.0%}"
            else:
                shown = "" if value is None else str(value)
            classes = "header" if r == 1 else ("num" if isinstance(value, int | float) else "")
            tds.append(f'<td class="{classes}">{html.escape(shown).replace(chr(10), "<br>")}</td>')
        cells.append(f'<tr class="{"frozen" if r == 1 else ""}"><th>{r}</th>{"".join(tds)}</tr>')
    tabs = "".join(
        f'<span class="{"on" if n == title else ""}">{html.escape(n)}</span>'
        for n in book.sheetnames
    )
    return f"""<!doctype html><meta charset="utf-8"><style>
    body {{ margin: 0; font: 13px "DejaVu Sans", sans-serif; background: #fff; }}
    .bar {{ background: #1d6f42; color: #fff; padding: 8px 12px; font-size: 14px; }}
    .formula {{ border-bottom: 1px solid #ccc; padding: 4px 12px; color: #444; }}
    table {{ border-collapse: collapse; table-layout: fixed; }}
    th {{ background: #f3f3f3; color: #555; font-weight: normal; border: 1px solid #d0d0d0;
          padding: 2px 4px; }}
    th.corner {{ width: 34px; }}
    td {{ border: 1px solid #e0e0e0; padding: 3px 5px; vertical-align: top; overflow: hidden;
          white-space: normal; }}
    td.header {{ font-weight: bold; background: #e8f0e8; border: 1px solid #999; }}
    td.num {{ text-align: right; }}
    tr.frozen td, tr.frozen th {{ border-bottom: 2px solid #888; }}
    td:nth-child(3), th:nth-child(3) {{ border-right: 2px solid #888; }}
    .tabs {{ position: fixed; bottom: 0; left: 0; right: 0; background: #f3f3f3;
             border-top: 1px solid #ccc; padding: 4px 8px; }}
    .tabs span {{ padding: 4px 14px; margin-right: 4px; color: #444; }}
    .tabs span.on {{ background: #fff; border-bottom: 2px solid #1d6f42; color: #1d6f42;
                     font-weight: bold; }}
    </style><div class="bar">{html.escape(sheet.parent.properties.title or "")}</div>
    <div class="formula">A1 · {html.escape(str(sheet["A1"].value))} · ▼ {
        html.escape(sheet.auto_filter.ref or "")
    }</div>
    <table>{"".join(cells)}</table><div class="tabs">{tabs}</div>"""


async def photograph(page_html: str, out: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, args=["--headless=new", "--no-sandbox"]
        )
        page = await browser.new_page(viewport={"width": 1600, "height": 900})
        await page.set_content(page_html)
        await page.screenshot(path=str(out))
        await browser.close()


async def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="thidua-pictures-"))
    url = f"sqlite:///{folder}/pictures.db"
    db = Database(url)
    await upgrade(db)
    app = App(Settings(database_url=url, _env_file=None), now=lambda: NOW)
    await app.prepare()
    await fill(db, app.campaign.id)
    chart = await ask(app, "/bieudo")
    (ROOT / "docs" / "chart.png").write_bytes(chart.data)
    workbook = await ask(app, "/xuatexcel")
    await photograph(sheet_html(workbook.data, "Đăng ký"), ROOT / "docs" / "workbook.png")
    await app.db.dispose()
    await db.dispose()
    print("docs/chart.png, docs/workbook.png")


if __name__ == "__main__":
    asyncio.run(main())
