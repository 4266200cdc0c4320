"""`report`: the period's report (the document the package carries), as PDF, Word
document or workbook, or the PDF to sign in another tool."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, PERIOD_HELP, PLAN_HELP, Mode, emit
from desktop.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "lập báo cáo kết quả thực hiện kế hoạch của một kỳ (.pdf, .docx, hoặc phụ lục .xlsx)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="KỲ", help=PERIOD_HELP)
    parser.add_argument("--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP)
    parser.add_argument(
        "--out", required=True, type=Path, metavar="TỆP", help="tệp .pdf, .docx hoặc .xlsx"
    )
    parser.add_argument(
        "--for-signing",
        action="store_true",
        help="PDF để ký bằng phần mềm ký số khác; tệp đã ký đưa vào bằng package --signed-pdf",
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.WRITE if args.for_signing else Mode.READ  # the export is remembered


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.domain.periods import PeriodId

    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    if args.for_signing:
        from desktop.infra.atomic_files import write_file
        from desktop.submission.external import export_for_signing

        if args.out.suffix.lower() != ".pdf":
            raise InvalidInput("PDF để ký phải là tệp .pdf.")
        saved = write_file(args.out, export_for_signing(ws, plan, period))
        emit(f"Đã xuất PDF báo cáo {period.label} để ký: {saved}")
        emit("Ký tệp này bằng phần mềm ký số, không sửa nội dung, rồi dùng package --signed-pdf.")
        return EXIT_OK
    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".docx", ".xlsx"):
        raise InvalidInput(
            f"Chỉ lưu được báo cáo dạng .pdf, .docx hoặc .xlsx, không phải «{args.out.name}»."
        )
    from desktop.documents import saving
    from desktop.submission.document import submission

    document = submission(ws, plan, period).document
    if suffix == ".docx":  # the same document, for offices drafting in Word
        from desktop.documents import docx
        from desktop.infra.atomic_files import write_file

        saved = write_file(args.out, docx.render(document))
    else:
        saved = saving.save(document, args.out)
    emit(f"Đã lập báo cáo {period.label}: {saved}")
    return EXIT_OK
