"""`schedule`: the plan's reporting schedule, shown or set (required kinds, cut-off, due)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, JSON_HELP, PLAN_HELP, Mode, emit
from desktop.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.domain.periods import PeriodKind
    from desktop.workspace import Workspace

HELP = "xem hoặc đặt lịch báo cáo của kế hoạch (loại báo cáo, ngày chốt số liệu, hạn gửi)"


def arguments(parser: argparse.ArgumentParser) -> None:
    from desktop.domain.plan_calendar import KIND_WORDS

    parser.description = (
        "Không có tùy chọn đặt lịch: in lịch báo cáo và các kỳ phải báo cáo. "
        f"LOẠI: {', '.join(KIND_WORDS)}. NGÀY: 30/11 (ngày/tháng, cho báo cáo năm hoặc "
        "9 tháng), 12 (ngày 12 tháng cuối kỳ), 5/+1 (ngày 5 tháng sau kỳ)."
    )
    parser.add_argument("--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP)
    change = parser.add_mutually_exclusive_group()
    change.add_argument("--require", metavar="LOẠI", help="kế hoạch yêu cầu loại báo cáo này")
    change.add_argument(
        "--from-text",
        metavar="CÂU",
        help="đọc lịch từ câu in trong kế hoạch, ví dụ «Định kỳ hằng năm trước ngày 30/11»",
    )
    change.add_argument("--drop", metavar="LOẠI", help="bỏ loại báo cáo khỏi lịch của kế hoạch")
    change.add_argument(
        "--follow-from",
        metavar="KỲ",
        help="theo dõi kế hoạch từ kỳ này (các báo cáo trước đó không tính là phải nộp)",
    )
    change.add_argument(
        "--set-period",
        metavar="KỲ",
        help="đặt ngày của một kỳ theo văn bản cấp trên (cùng --data-from, --data-to, --due-on)",
    )
    parser.add_argument(
        "--due",
        metavar="NGÀY",
        help="hạn các đơn vị gửi báo cáo cho cơ quan, như kế hoạch ghi (cùng --require)",
    )
    parser.add_argument(
        "--upward",
        metavar="[LOẠI:]NGÀY",
        action="append",
        default=[],
        help="hạn cơ quan gửi báo cáo lên cấp trên, theo văn bản cấp trên (mặc định: ngày 20 "
        "tháng cuối kỳ theo Nghị định 09/2019/NĐ-CP, không sớm hơn hạn các đơn vị gửi); "
        "ghi kèm loại khi dùng riêng hoặc với --from-text, ví dụ nam:20/12",
    )
    parser.add_argument(
        "--close",
        metavar="[LOẠI:]NGÀY",
        action="append",
        default=[],
        help="ngày chốt số liệu (mặc định theo Nghị định 09/2019/NĐ-CP: ngày 14 tháng cuối kỳ); "
        "với --from-text ghi kèm loại, ví dụ nam:14/11",
    )
    for option, what in (
        ("--data-from", "ngày bắt đầu lấy số liệu"),
        ("--data-to", "ngày chốt số liệu"),
        ("--due-on", "hạn gửi báo cáo lên cấp trên"),
    ):
        parser.add_argument(option, metavar="NGÀY", help=f"{what} của kỳ, dd/mm/yyyy")
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    changes = (
        args.require
        or args.from_text
        or args.drop
        or args.due
        or args.upward
        or args.close
        or args.set_period
        or args.follow_from
    )
    return Mode.WRITE if changes else Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.domain.plan_calendar import parse_day_spec
    from desktop.reports.schedule_report import schedule_report

    plan = ws.plans.resolve(args.plan)
    if args.due and not args.require:
        raise InvalidInput("--due chỉ dùng cùng --require LOẠI.")
    if args.close and not (args.require or args.from_text):
        raise InvalidInput("--close chỉ dùng cùng --require hoặc --from-text.")
    if args.upward and (args.drop or args.follow_from or args.set_period):
        raise InvalidInput("--upward dùng riêng, hoặc cùng --require hay --from-text.")
    if not args.set_period and (args.data_from or args.data_to or args.due_on):
        raise InvalidInput("--data-from, --data-to, --due-on chỉ dùng cùng --set-period KỲ.")
    if args.require:
        kind = _kind(args.require)
        if not args.due:
            raise InvalidInput(f"Cần hạn gửi báo cáo: --require {args.require} --due NGÀY.")
        closes = _days(args.close, kind, "--close", "Ngày chốt số liệu")
        upward = _days(args.upward, kind, "--upward", "Hạn gửi cấp trên")
        due = parse_day_spec(args.due, kind, "Hạn các đơn vị gửi báo cáo")
        ws.schedule.require(plan.id, kind, due, closes.get(kind), upward=upward.get(kind))
    elif args.from_text:
        ws.schedule.require_from_text(
            plan.id,
            args.from_text,
            _days(args.close, None, "--close", "Ngày chốt số liệu"),
            _days(args.upward, None, "--upward", "Hạn gửi cấp trên"),
        )
    elif args.drop:
        ws.schedule.drop(plan.id, _kind(args.drop))
    elif args.follow_from:
        from desktop.domain.periods import PeriodId

        plan = ws.plans.follow_from(plan.id, PeriodId.parse(args.follow_from))
    elif args.set_period:
        from desktop.domain.periods import PeriodId

        dates = (args.data_from, args.data_to, args.due_on)
        if not all(dates):
            raise InvalidInput("--set-period cần đủ --data-from, --data-to và --due-on.")
        period = ws.periods.set_dates(PeriodId.parse(args.set_period), *dates, plan.id)
        emit(
            f"{period.title}: số liệu {period.data_from:%d/%m/%Y}–{period.data_to:%d/%m/%Y}, "
            f"hạn gửi cấp trên {period.due_on:%d/%m/%Y}."
        )
    elif args.upward:
        days = _days(args.upward, None, "--upward", "Hạn gửi cấp trên")
        with ws.change(f"Đặt hạn gửi cấp trên của kế hoạch {plan.number}"):
            for kind, day in days.items():
                ws.schedule.set_upward(plan.id, kind, day)
    report = schedule_report(ws, plan)
    if args.json:
        emit(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        emit(report.render())
    return EXIT_OK


def _kind(word: str) -> PeriodKind:
    from desktop.domain.plan_calendar import KIND_WORDS

    try:
        return KIND_WORDS[word.strip().lower()]
    except KeyError:
        raise InvalidInput(
            f"Loại báo cáo «{word}» không hợp lệ; dùng một trong: {', '.join(KIND_WORDS)}."
        ) from None


def _days(
    values: list[str], kind: PeriodKind | None, option: str, what: str
) -> dict[PeriodKind, tuple[int, int]]:
    """Days given as NGÀY (for the --require kind) or LOẠI:NGÀY, one per kind."""
    from desktop.domain.plan_calendar import parse_day_spec

    days: dict[PeriodKind, tuple[int, int]] = {}
    for value in values:
        word, _, day = value.rpartition(":")
        which = _kind(word) if word else kind
        if which is None:
            raise InvalidInput(f"{option} «{value}»: ghi kèm loại báo cáo, ví dụ nam:14/11.")
        days[which] = parse_day_spec(day, which, what)
    return days
