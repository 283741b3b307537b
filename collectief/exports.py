"""CSV and Excel downloads of tabular figures, shared by every app's export views."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_format(request, default="csv"):
    """The export format asked for in ?format=, checked against what we can produce."""
    chosen = request.GET.get("format", default)
    return chosen if chosen in FORMATS else default


def _cell(value):
    """A cell value that spreadsheets cannot execute (no leading =, +, -, @ formulas)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def tabular_content(headers, rows, fmt="csv", sheet_title=None):
    """(bytes, content type) of `headers` and `rows` as CSV (UTF-8 with BOM, for Excel) or
    XLSX; the file of a download, or of an export made in the background."""
    rows = ([_cell(value) for value in row] for row in rows)
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(sheet_title or _("Export"))[:31])
        sheet.append([str(header) for header in headers])
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue(), XLSX_TYPE
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(header) for header in headers])
    writer.writerows(rows)
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
