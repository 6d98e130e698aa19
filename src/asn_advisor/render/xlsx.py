"""Spreadsheets (.xlsx) for offices that work in Excel: ``batch`` and ``compare`` results.

Headers are in the reader's language; numbers are stored as numbers with a
number format (one decimal for scores, a percentage for coverage), so Excel
shows them in the user's locale (``77,6`` in an Indonesian Excel) and can
sort and sum them.  Text is always stored as text: a value that starts with
``=`` (a program name, say) is never turned into a formula.  The file is a
pure function of its rows: the workbook's timestamps are fixed.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from asn_advisor.i18n import t
from asn_advisor.model import Comparison

__all__ = ["Sheet", "comparison_sheets", "workbook_bytes"]

Cell = str | int | float | None

#: Excel number formats by kind of column.
NUMBER_FORMATS = {"score": "0.0", "percent": "0%", "count": "0"}

_EPOCH = datetime.datetime(2000, 1, 1)


@dataclass
class Sheet:
    """One worksheet: a title, headers, rows, and the number format of some columns (by index)."""

    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an .xlsx file: bold frozen headers, fitted columns, numbers formatted, text kept as text."""
    # openpyxl pulls in numpy when it is installed (~90 ms); only the commands that write a workbook pay for it.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.created = book.properties.modified = _EPOCH
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31])
        ws.append(sheet.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in sheet.rows:
            ws.append(row)
            for index, value in enumerate(row):
                current = ws.cell(row=ws.max_row, column=index + 1)
                if isinstance(value, str):
                    current.data_type = "s"  # never a formula, whatever the text starts with
                elif index in sheet.formats and value is not None:
                    current.number_format = NUMBER_FORMATS[sheet.formats[index]]
        for index, header in enumerate(sheet.headers, start=1):
            longest = max([len(header), *(len(str(r[index - 1])) for r in sheet.rows if r[index - 1] is not None)])
            ws.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def comparison_sheets(comparison: Comparison) -> list[Sheet]:
    """The ranking and the shared findings and recommendations of a comparison, one sheet each."""
    lang = comparison.lang
    dims = comparison.dimensions
    ranking = Sheet(
        t("xlsx.sheet.ranking", lang),
        [
            "#",
            t("xlsx.program", lang),
            t("report.name", lang),
            t("region", lang),
            t("score", lang),
            t("band", lang),
            *(label for _, label in dims),
            t("score.coverage", lang),
            t("compare.top", lang),
        ],
        formats={4: "score", **{6 + i: "score" for i in range(len(dims))}, 6 + len(dims): "percent"},
    )
    titles = {item.id: item.label for item in comparison.recommendations}
    for row in comparison.programs:
        ranking.rows.append(
            [
                row.rank,
                row.id,
                row.name,
                row.region,
                row.overall,
                comparison.band_label(row.band) if row.band else None,
                *(row.dimensions.get(did) for did, _ in dims),
                row.coverage,
                "; ".join(titles.get(r, r) for r in row.top_recommendations),
            ]
        )
    sheets = [ranking]
    for key, items in (("findings", comparison.findings), ("recommendations", comparison.recommendations)):
        shared = Sheet(
            t(f"xlsx.sheet.{key}", lang),
            [t(f"xlsx.col.{key}", lang), t("xlsx.count", lang), t("xlsx.share", lang), t("xlsx.programs", lang)],
            formats={1: "count", 2: "percent"},
        )
        for item in items:
            shared.rows.append([item.label, item.count, item.share, "; ".join(item.programs)])
        sheets.append(shared)
    return sheets
