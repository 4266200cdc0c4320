"""Units report back by workbook (issue 27): each unit's progress form for a period goes
out as an .xlsx (`write`), comes back filled, is read with every problem said by row
(`read`), previewed beside what the office has recorded and taken in one change (`take`).

The form's format is in `layout`; what a row says, and what the office has recorded for
it, in `figures`.
"""
