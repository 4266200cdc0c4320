"""Documents as plain functions over one model (model.py): the period report and each
unit's assignment annex built from the data, written as PDF (pdf.py, reportlab) or
workbook (xlsx.py, openpyxl) by saving.py. Importing this package loads no writer."""
