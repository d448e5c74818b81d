"""Every CSV the app sends goes through `write_csv`, which guards each cell.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
strip first) as a formula: CSV injection. Such a cell gets a leading apostrophe, which
spreadsheets show as text. Usernames like "-9+9" or "@c3" are allowed, so slips need it too.
"""

import csv
import io

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(header, rows):
    """CSV text: the header, then the rows, every cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(value) for value in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue()


def csv_download(text, name):
    # The byte-order mark makes Excel read the file as UTF-8 (names, arrows, accents).
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
