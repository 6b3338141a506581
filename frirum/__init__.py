import os

# Spreadsheets are written by openpyxl's standard-library XML writer. lxml (which python-docx
# needs for the planning memo) would be openpyxl's choice once installed, and its writer
# turns a carriage return in a cell's text into a newline (tests/lib/test_spreadsheet.py).
os.environ.setdefault("OPENPYXL_LXML", "False")
