"""CSV and Excel downloads of tabular figures, shared by every app's export views.

Every cell goes through one place for the active language. CSV: Dutch Excel reads ";" as the
separator and "31,2" as a number, English Excel "," and "31.2"; whole numbers stay as they are
and dates are ISO 8601 ("2026-03-01") in both languages. Excel: numbers and dates are real
numbers and dates with a number format; text (names, "<5" markers of hidden counts) stays text.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_DECIMAL_FORMAT = "0.0#"
XLSX_DATE_FORMAT = "yyyy-mm-dd"


def export_format(request, default="csv"):
    """The export format asked for in ?format=, checked against what we can produce."""
    chosen = request.GET.get("format", default)
    return chosen if chosen in FORMATS else default


def _safe_text(value):
    """Text that spreadsheets cannot execute (no leading =, +, -, @ formulas)."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _is_decimal(value):
    return isinstance(value, (float, Decimal))


def csv_dialect():
    """(separator, decimal mark) for the active language: (";", ",") in Dutch, (",", ".")
    in English, so that the spreadsheet of that language reads numbers as numbers."""
    decimal_mark = get_format("DECIMAL_SEPARATOR")
    return (";" if decimal_mark == "," else ","), decimal_mark


def csv_cell(value, decimal_mark):
    """One CSV cell: decimals with the language's decimal mark, dates in ISO 8601."""
    if value is None:
        return ""
    if _is_decimal(value):
        # Via the shortest repr: 31.2 stays "31.2", never "31.199999" or "3.12e1".
        return format(Decimal(repr(value) if isinstance(value, float) else value), "f").replace(
            ".", decimal_mark
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    return _safe_text(str(value))


def xlsx_cell(sheet, value):
    """One Excel cell: numbers and dates as such, with a number format; everything else text."""
    if value is None or isinstance(value, int):
        return value
    if _is_decimal(value):
        cell = WriteOnlyCell(sheet, value=float(value))
        cell.number_format = XLSX_DECIMAL_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    return _safe_text(str(value))


def tabular_content(headers, rows, fmt="csv", sheet_title=None):
    """(bytes, content type) of `headers` and `rows` as CSV (UTF-8 with BOM, for Excel) or
    XLSX; the file of a download, or of an export made in the background."""
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(sheet_title or _("Export"))[:31])
        sheet.append([str(header) for header in headers])
        for row in rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue(), XLSX_TYPE
    separator, decimal_mark = csv_dialect()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow([str(header) for header in headers])
    writer.writerows([csv_cell(value, decimal_mark) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode(), "text/csv; charset=utf-8"


def file_response(content, content_type, filename):
    """`content` as a download named `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def tabular_response(filename, headers, rows, fmt="csv", sheet_title=None):
    """An attachment with `headers` and `rows` as CSV (UTF-8 with BOM, for Excel) or XLSX."""
    content, content_type = tabular_content(headers, rows, fmt, sheet_title)
    return file_response(content, content_type, f"{filename}.{fmt}")
