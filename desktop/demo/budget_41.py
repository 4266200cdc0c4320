"""Budget of Kế hoạch 41/KH-UBND xã Hưng Nguyên (seed 004), used as the demo budget.

Amounts in triệu đồng as printed; the loader converts them to đồng.
"""

FUNDING_SOURCE = "Chi thường xuyên"

# Phụ lục 1: dự toán kinh phí chi thường xuyên cho KH, CN, ĐMST và CĐS năm 2026.
# (code, title, amount in triệu đồng or None for a group, children)
ESTIMATE_2026 = [
    (
        "1",
        "Chi nhiệm vụ KH&CN",
        None,
        [
            ("a", "Nhiệm vụ khoa học và công nghệ", 0),
            ("b", "Nhiệm vụ đổi mới sáng tạo", 0),
            ("c", "Nhiệm vụ chuyển đổi số", 500),
        ],
    ),
    (
        "2",
        "Chi hoạt động KH&CN phục vụ quản lý nhà nước về KH, CN, ĐMST và CĐS",
        None,
        [
            ("a", "Hoạt động Ban Chỉ đạo, Tổ công nghệ số cộng đồng", 150),
            ("b", "Bảo trì, nâng cấp hệ thống, đường truyền", 500),
            ("c", "Tập huấn, đào tạo, học trực tuyến trên các nền tảng", 100),
            ("d", "Mua sắm thiết bị", 2000),
            ("e", "Chi phí bảo mật thông tin", 100),
            ("f", "Duy trì hoạt động cổng thông tin điện tử", 200),
            # As printed: "h Cong tac tuyen truyen" comes before "g Chi khac".
            ("h", "Công tác tuyên truyền", 50),
            ("g", "Chi khác", 50),
        ],
    ),
    ("3", "Nhiệm vụ triển khai theo Nghị quyết 57-NQ/TW", 200, []),
]

# Phụ lục 2: dự kiến kế hoạch đầu tư công lĩnh vực KH, CN, ĐMST và CĐS năm 2026, the
# twelve projects with the one 2026 figure the scan shows for each (projects 1 and 2 also
# show a 2025 figure, 400 and 2.000, left out: this budget is 2026's). The scan's
# columns cannot be told apart, so the group's title says the figure is the plan for 2026.
INVESTMENT_SOURCE = "Vốn đầu tư công"
INVESTMENT_2026 = (
    "ĐT",
    "Dự kiến kế hoạch đầu tư công năm 2026 (Phụ lục 2)",
    [
        ("1", "Hệ thống mạng cơ quan Đảng ủy - HĐND - UBND", 1000),
        ("2", "Nâng cấp, tích hợp ứng dụng CNTT-VT", 1000),
        ("3", "Lắp đặt thiết bị thông minh (camera giám sát, wifi công cộng...)", 2000),
        ("4", "Hệ thống bảng biểu, pano, các thiết bị số tại các trung tâm xã", 3000),
        (
            "5",
            "Xây dựng ứng dụng công dân số giúp người dân tiếp cận thông tin, dịch vụ, chính sách...",
            1000,
        ),
        ("6", "Nâng cấp trang thiết bị tại Trung tâm phục vụ Hành chính công", 5000),
        ("7", "Nâng cấp hệ thống đường truyền cho phòng Kinh tế", 3000),
        (
            "8",
            "Nâng cấp hạ tầng mạng, trung tâm dữ liệu máy chủ, lưu trữ và các phần mềm phục vụ chính quyền số",
            5000,
        ),
        ("9", "Thiết lập nền tảng bảo mật cơ bản, mã hóa dữ liệu", 3000),
        ("10", "Số hóa hồ sơ, xây dựng phần mềm quản lý nội bộ", 2000),
        ("11", "Đào tạo CNTT cho cán bộ xã, chia sẻ kinh nghiệm, truyền thông", 300),
        ("12", "Dự án khác", 3000),
    ],
)

# What the commune actually spent on digital transformation in 2025 (section A.II),
# in đồng: each line was paid in full.
SPENT_2025 = [
    ("1", "Mua phần mềm IMAS", 10_000_000, "2025-03-18"),
    ("2", "Mua phần mềm MISA", 42_000_000, "2025-04-07"),
    ("3", "Cước phí sử dụng chữ ký số", 27_110_000, "2025-06-30"),
    ("4", "Lắp đặt hệ thống camera an ninh", 100_000_000, "2025-08-22"),
    ("5", "Mua sắm máy móc", 30_000_000, "2025-09-15"),
    ("6", "Tuyên truyền công tác chuyển đổi số", 12_800_000, "2025-11-10"),
]

# Payments made so far in 2026 against the estimate: (line code, date, đồng, voucher).
PAID_2026 = [
    ("2.a", "2026-03-12", 45_000_000, "UNC 015/2026"),
    ("2.b", "2026-04-20", 180_000_000, "UNC 032/2026"),
    ("2.d", "2026-05-26", 1_250_000_000, "UNC 047/2026"),
    ("2.f", "2026-06-30", 100_000_000, "UNC 061/2026"),
    ("1.c", "2026-08-14", 220_000_000, "UNC 078/2026"),
    ("2.h", "2026-09-05", 18_500_000, "UNC 084/2026"),  # tuyên truyền
]
