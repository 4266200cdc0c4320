"""Demo progress for plan 41/KH-UBND xã Hưng Nguyên: the 2026 quarterly reports.

Invented for the demo (the seed is the plan, not its execution). Task entries:
task code -> (status, percent, completed on, result, difficulties, proposals);
indicator entries: (group, code) -> (value, text, note).
"""

DONE, DOING = "hoan_thanh", "dang_thuc_hien"

REPORTS = {
    "2026-Q1": {
        "3.1.1": (
            DONE,
            100,
            "2026-02-05",
            "Đã tổ chức hội nghị quán triệt Nghị quyết số 71/NQ-CP và Kế hoạch hành động số 328-KH/TU cho 215 cán bộ, đảng viên.",
            "",
            "",
        ),
        "3.1.2": (
            DOING,
            25,
            None,
            "Đăng 18 tin, bài trên Cổng thông tin điện tử và trang Zalo của xã.",
            "",
            "",
        ),
        "3.1.5": (
            DOING,
            25,
            None,
            "Kiểm tra việc thực hiện công vụ tại 3 bộ phận chuyên môn.",
            "",
            "",
        ),
        "3.3.1": (
            DOING,
            30,
            None,
            "Tiếp nhận hồ sơ thủ tục hành chính không phụ thuộc địa giới hành chính tại Trung tâm phục vụ hành chính công xã.",
            "",
            "",
        ),
        "3.4.1": (
            DOING,
            50,
            None,
            "Đã rà soát các hạng mục công nghệ thông tin cần đầu tư năm 2026.",
            "",
            "",
        ),
        "3.7.1": (
            DOING,
            20,
            None,
            "Cử 12 công chức tham gia lớp bồi dưỡng kỹ năng số của tỉnh.",
            "",
            "",
        ),
    },
    "2026-Q2": {
        "3.1.2": (
            DOING,
            50,
            None,
            "Đăng 41 tin, bài; phát 8 chuyên mục trên hệ thống truyền thanh xã.",
            "",
            "",
        ),
        "3.1.5": (
            DOING,
            50,
            None,
            "Kiểm tra việc thực hiện công vụ tại 6 bộ phận chuyên môn.",
            "",
            "",
        ),
        "3.3.1": (DOING, 55, None, "Giải quyết 312 hồ sơ phi địa giới hành chính.", "", ""),
        "3.4.1": (
            DONE,
            100,
            "2026-04-15",
            "Hoàn thành rà soát; đề xuất danh mục mua sắm thiết bị cho bộ phận một cửa.",
            "",
            "",
        ),
        "3.4.2": (
            DOING,
            40,
            None,
            "Mua sắm 25 máy tính cho bộ phận một cửa và các phòng chuyên môn.",
            "Giá thiết bị tăng so với dự toán.",
            "",
        ),
        "3.5.3": (
            DOING,
            40,
            None,
            "Phối hợp ngân hàng chi trả trợ cấp xã hội không dùng tiền mặt cho 1.120 đối tượng.",
            "",
            "",
        ),
        "3.6.4": (DOING, 50, None, "Rà soát an toàn thông tin 46 máy trạm.", "", ""),
        "3.7.1": (DOING, 45, None, "Bồi dưỡng kỹ năng số cơ bản cho 60% công chức.", "", ""),
    },
    "2026-Q3": {
        "3.1.2": (
            DOING,
            75,
            None,
            "Đăng 66 tin, bài; phát 12 chuyên mục trên hệ thống truyền thanh xã.",
            "",
            "",
        ),
        "3.3.1": (DOING, 70, None, "Giải quyết 540 hồ sơ phi địa giới hành chính.", "", ""),
        "3.4.2": (
            DOING,
            70,
            None,
            "Đã lắp đặt 25 máy tính; đang nâng cấp đường truyền.",
            "",
            "Đề nghị tỉnh hỗ trợ kinh phí nâng cấp đường truyền.",
        ),
        "3.5.1": (
            DOING,
            60,
            None,
            "Số hóa 68% hồ sơ, kết quả giải quyết thủ tục hành chính.",
            "",
            "",
        ),
        "3.5.3": (DOING, 65, None, "Chi trả không dùng tiền mặt cho 1.480 đối tượng.", "", ""),
        "3.5.4": (DOING, 30, None, "Đã lắp đặt 01 KIOSK y tế thông minh tại Trạm y tế xã.", "", ""),
        "3.6.4": (
            DOING,
            75,
            None,
            "Kiểm tra an toàn thông tin hệ thống phục vụ Đề án 06/CP.",
            "",
            "",
        ),
        "3.7.1": (
            DONE,
            100,
            "2026-08-20",
            "Hoàn thành bồi dưỡng kỹ năng số cơ bản cho 78% công chức.",
            "",
            "",
        ),
        "3.7.4": (
            DOING,
            40,
            None,
            "Triển khai phong trào “Bình dân học vụ số” tại 12 xóm.",
            "",
            "",
        ),
    },
}

VALUES = {
    "2026-Q1": {
        ("I", "1"): (30.0, "", "Theo số liệu của nhà mạng"),
        ("II", "4"): (45.0, "", ""),
        ("IV", "14"): (55.0, "", ""),
        ("IV", "16"): (72.0, "", ""),
        ("IV", "24"): (58.0, "", ""),
        ("IV", "26"): (100.0, "", ""),
    },
    "2026-Q2": {
        ("I", "1"): (36.0, "", "Theo số liệu của nhà mạng"),
        ("II", "4"): (60.0, "", ""),
        ("IV", "14"): (63.0, "", ""),
        ("IV", "16"): (74.0, "", ""),
        ("IV", "25"): (2.1, "", ""),
    },
    "2026-Q3": {
        ("I", "1"): (41.0, "", "Theo số liệu của nhà mạng"),
        ("II", "4"): (78.0, "", ""),
        ("IV", "14"): (68.0, "", ""),
        ("IV", "16"): (76.0, "", ""),
        ("IV", "24"): (66.0, "", ""),
        ("IV", "25"): (2.6, "", ""),
    },
}
