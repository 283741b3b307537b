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


def tabular_response(filename, headers, rows, fmt="csv", sheet_title=None):
    """An attachment with `headers` and `rows` as CSV (UTF-8 with BOM, for Excel) or XLSX."""
    rows = ([_cell(value) for value in row] for row in rows)
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(sheet_title or _("Export"))[:31])
        sheet.append([str(header) for header in headers])
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([str(header) for header in headers])
        writer.writerows(rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
