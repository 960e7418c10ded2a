"""Spreadsheets in and out: import templates, legacy ledgers, list exports (INTERFACES.md "Excel templates").

Importing is read_table (the file) → parse_row (each row) → ImportRefused with every CellError,
and mark_errors to hand the workbook back with the bad cells marked. Exporting is write_table;
each import page offers write_template.
"""
