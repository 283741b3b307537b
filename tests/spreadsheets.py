"""Read an export back the way a spreadsheet of that language would."""

import csv
import io

from openpyxl import load_workbook

SEPARATOR = {"nl": ";", "en": ","}


def csv_rows(response, language):
    """The rows of a CSV export, split on the separator of `language`'s spreadsheets."""
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=SEPARATOR[language]))


def xlsx_cells(response):
    """The cells (openpyxl Cell objects, with value and number_format) of an Excel export."""
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows()]
