"""`settings`: what documents say (signer, Kính gửi, number, Nơi nhận, stamp images) and
the trusted roots, shown or set."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, Mode, emit

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "xem hoặc đặt thông tin văn bản: người ký, kính gửi, số, nơi nhận"
# Each option and the document setting it sets.
_SETTING_FLAGS = {
    "signer_name": "signer_name",
    "signer_title": "signer_title",
    "addressee": "addressee",
    "place": "place",
    "number": "number",
    "recipient": "recipients",
    "drafting_unit": "drafting_unit",
}
_IMAGES = (
    ("signature", "chữ ký (mực xanh)", "Ảnh chữ ký"),
    ("seal", "con dấu (mực đỏ)", "Ảnh con dấu"),
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Không có tùy chọn: in các cài đặt hiện có."
    parser.add_argument("--signer-name", metavar="HỌ_TÊN", help="họ tên người ký")
    parser.add_argument("--signer-title", metavar="CHỨC_VỤ", help="CHỦ TỊCH hoặc PHÓ CHỦ TỊCH")
    parser.add_argument("--addressee", metavar="TÊN", help="Kính gửi (cơ quan cấp trên)")
    parser.add_argument("--place", metavar="ĐỊA_DANH", help="địa danh ghi ngày tháng")
    parser.add_argument("--number", metavar="SỐ", help="số văn bản (trống: để văn thư cấp)")
    parser.add_argument(
        "--leave-blank",
        choices=["co", "khong"],
        help="để trống số và ngày cho hệ thống văn thư (co/khong)",
    )
    parser.add_argument(
        "--recipient",
        action="append",
        metavar="DÒNG",
        help="một dòng «Nơi nhận» (lặp lại cho nhiều dòng; «- Lưu: VT.» tự thêm)",
    )
    parser.add_argument(
        "--drafting-unit",
        metavar="ĐƠN_VỊ",
        help="đơn vị soạn thảo, in ở dòng cuối «Nơi nhận»: «- Lưu: VT, ĐƠN_VỊ.»",
    )
    for kind, what, _ in _IMAGES:
        parser.add_argument(
            f"--{kind}-image",
            metavar="ẢNH.png",
            help=f"ảnh {what} nền trong suốt cho chữ ký số hiện trên báo cáo ('xoa': bỏ)",
        )
    parser.add_argument(
        "--trust-root",
        action="append",
        type=Path,
        metavar="ROOT.pem",
        help="nhập chứng thư gốc tin cậy để kiểm tra gói (verify dùng cùng --trust)",
    )
    parser.add_argument(
        "--crl",
        action="append",
        type=Path,
        metavar="TỆP.crl",
        help="nhập danh sách chứng thư thu hồi (DER hoặc PEM) để kiểm tra gói không cần mạng",
    )
    parser.add_argument(
        "--fetch-crl",
        action="append",
        metavar="ĐỊA_CHỈ",
        help="tải danh sách chứng thư thu hồi từ địa chỉ http(s) của tổ chức cấp chứng thư "
        "(khi có mạng) và ghi nhớ địa chỉ để cập nhật",
    )
    parser.add_argument(
        "--refresh-crl",
        action="store_true",
        help="tải lại các danh sách thu hồi đã tải trước đây (khi có mạng)",
    )
    parser.add_argument(
        "--require-revocation",
        choices=("co", "khong"),
        help="có từ chối gói mà chưa kiểm tra được thu hồi chứng thư của người ký không",
    )
    parser.add_argument(
        "--upper-cert",
        action="append",
        type=Path,
        metavar="CHỨNG_THƯ.pem",
        help="đăng ký chứng thư ký của cấp trên: văn bản trả lại chỉ được áp dụng khi do "
        "chứng thư này ký",
    )


def mode(args: argparse.Namespace) -> Mode:
    changes = (
        args.leave_blank is not None
        or bool(args.trust_root)
        or bool(args.upper_cert)
        or bool(args.crl)
        or bool(args.fetch_crl)
        or args.refresh_crl
        or args.require_revocation is not None
        or any(getattr(args, f"{kind}_image") is not None for kind, _, _ in _IMAGES)
        or any(getattr(args, flag) is not None for flag in _SETTING_FLAGS)
    )
    return Mode.WRITE if changes else Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.services.document_settings import LABELS

    changes = {name: getattr(args, flag) for flag, name in _SETTING_FLAGS.items()}
    changes = {name: value for name, value in changes.items() if value is not None}
    if args.leave_blank is not None:
        changes["leave_blank"] = args.leave_blank == "co"
    current = ws.document_settings.save(**changes) if changes else ws.document_settings.get()
    for path in args.trust_root or ():
        ws.trust.add(path)
    for path in args.upper_cert or ():
        ws.trust.add_upper(path)
    for path in args.crl or ():
        ws.trust.add_revocation_list(path)
    for url in args.fetch_crl or ():
        emit(f"Đã tải danh sách thu hồi của {', '.join(ws.trust.fetch_revocation_list(url))}")
    if args.refresh_crl:
        for url, said in ws.trust.refresh_revocation_lists():
            emit(f"{url}: {said}")
    if args.require_revocation is not None:
        ws.trust.require_revocation(args.require_revocation == "co")
    for kind, _, _ in _IMAGES:
        image = getattr(args, f"{kind}_image")
        if image is not None:
            ws.stamp_images.set(kind, None if image == "xoa" else Path(image))
    for name, label in LABELS.items():
        value = getattr(current, name)
        if isinstance(value, bool):
            value = "có" if value else "không"
        elif isinstance(value, tuple):
            value = " | ".join(value) or "(mặc định: - Như trên;)"
        emit(f"{label}: {value or '(chưa đặt)'}")
    for kind, _, label in _IMAGES:
        emit(f"{label}: {'có' if ws.stamp_images.get(kind) else '(không dùng)'}")
    roots = ws.trust.list()
    emit(f"Chứng thư gốc tin cậy: {len(roots) or '(chưa nhập)'}")
    for root in roots:
        emit(f"  {root.subject} (hết hạn {root.not_after}, SHA-256 {root.fingerprint[:16]}…)")
    lists = ws.trust.revocation_lists()
    required = "bắt buộc" if ws.trust.require_revocation() else "không bắt buộc"
    emit(f"Danh sách chứng thư thu hồi: {len(lists) or '(chưa nhập)'} ({required} kiểm tra)")
    signers = ws.trust.upper_signers()
    emit(f"Chứng thư ký của cấp trên: {len(signers) or '(chưa đăng ký)'}")
    for signer in signers:
        emit(f"  {signer.subject} (hết hạn {signer.not_after}, SHA-256 {signer.fingerprint[:16]}…)")
    return EXIT_OK
