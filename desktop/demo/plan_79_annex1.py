"""Kế hoạch 79/KH-UBND (seed 001), Phụ lục 1: the 26 indicators under Nghị quyết 71/NQ-CP,
transcribed with diacritics for demo data, plus notes on rows reconstructed from unreadable OCR."""

from __future__ import annotations

# Same tuple format as plan_79.INDICATOR_GROUPS. Each group: (code, title, indicators); each
# indicator: (code, name, unit of measure, {year: target text}, [lead units],
# [coordinating units], output). Phụ lục 1 has no output column, hence "".
INDICATOR_GROUPS_NQ71 = [
    (
        "PL1-I",
        "Chỉ tiêu theo Nghị quyết 71/NQ-CP đến năm 2030",
        [
            (
                "1.1",
                "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
                "%",
                {2030: "80%"},
                ["Trung tâm Phục vụ hành chính công"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "1.2",
                "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện",
                "%",
                {2030: "90%"},
                ["Trung tâm Phục vụ hành chính công"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "1.3",
                "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                "%",
                {2030: "100%"},
                ["Trung tâm Phục vụ hành chính công"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "1.4",
                "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử",
                "%",
                {2030: "100%"},
                ["Trung tâm Phục vụ hành chính công"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "1.5",
                "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu đã được số hóa trong giải quyết thủ tục hành chính, dịch vụ công",
                "%",
                {2030: "80%"},
                ["Trung tâm Phục vụ hành chính công"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "1.6",
                "Tỷ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính, dịch vụ công",
                "%",
                {2030: "80%"},
                ["Trung tâm Phục vụ hành chính công"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "1.7",
                "Tỷ lệ xử lý văn bản, hồ sơ công việc toàn trình trên môi trường điện tử của cơ quan, đơn vị",
                "%",
                {2030: "100%"},
                ["Văn phòng HĐND và UBND"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "1.8",
                "Tỷ lệ nhiệm vụ được theo dõi, quản lý, giám sát của các cơ quan hành chính thực hiện trên môi trường điện tử",
                "%",
                {2030: "100%"},
                ["Văn phòng HĐND và UBND"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "1.9",
                "Tỷ lệ các cơ quan, đơn vị thực hiện chỉ đạo, điều hành, quản trị nội bộ trên môi trường điện tử",
                "%",
                {2030: "100%"},
                ["Văn phòng HĐND và UBND"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "2",
                "Tỷ lệ giao dịch không dùng tiền mặt",
                "%",
                {2030: "≥ 85%"},
                ["Phòng Kinh tế, Hạ tầng và Đô thị"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "3",
                "Chi ngân sách hằng năm cho phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số",
                "% tổng chi ngân sách nhà nước",
                {2030: "Phấn đấu đạt 3%"},
                ["Phòng Kinh tế, Hạ tầng và Đô thị"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "4",
                "Hạ tầng số hiện đại, dung lượng siêu lớn, băng thông siêu rộng",
                "",
                {},
                ["Văn phòng HĐND và UBND"],
                ["Sở Khoa học và Công nghệ", "Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "4.1",
                "Tỷ lệ người sử dụng có khả năng truy nhập băng rộng cố định với tốc độ trên 1Gb/s",
                "%",
                {2030: "100%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Khoa học và Công nghệ", "Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "4.2",
                "Phủ sóng 5G cho người dân",
                "% dân số",
                {2030: "100%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Khoa học và Công nghệ", "Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "5",
                "Quản lý nhà nước trên môi trường số, kết nối và vận hành thông suốt giữa các cơ quan trong hệ thống chính trị",
                "%",
                {2030: "100%"},
                ["Văn phòng HĐND và UBND"],
                ["Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "6",
                "Hoàn thành xây dựng, thu thập dữ liệu phục vụ kết nối, chia sẻ đồng bộ cơ sở dữ liệu quốc gia, cơ sở dữ liệu các ngành",
                "%",
                {2030: "100%"},
                ["Công an phường"],
                ["Công an thành phố", "Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "7",
                "Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân",
                "%",
                {2030: "≥ 70%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Khoa học và Công nghệ", "Các cơ quan chuyên môn, đơn vị liên quan"],
                "",
            ),
            (
                "8",
                "Tỷ lệ người dân có hồ sơ sức khỏe điện tử",
                "%",
                {2030: "≥ 95%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Y tế", "Các đơn vị liên quan"],
                "",
            ),
            (
                "9.1",
                "Mức độ chuyển đổi số đối với các cơ sở giáo dục, cơ quan quản lý giáo dục trên địa bàn phường đạt mức 2 trở lên",
                "%",
                {
                    2030: "≥ 95% đối với cơ sở giáo dục phổ thông; ≥ 95% đối với cơ sở giáo dục mầm non và các cơ quan quản lý giáo dục"
                },
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn phường"],
                "",
            ),
            (
                "9.2",
                "Cơ sở giáo dục triển khai ký số trên hệ thống sổ sách, sổ điểm",
                "%",
                {2030: "100%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn phường"],
                "",
            ),
            (
                "9.3",
                "Cơ sở giáo dục phổ thông, thường xuyên triển khai các chương trình giảng dạy về kỹ năng số cho học sinh (học viên) phù hợp với quy định của Bộ GD&ĐT quy định tại Thông tư số 02/2025/TT-BGDĐT ngày 24/01/2025 về Khung năng lực số cho người học",
                "%",
                {2030: "100%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn phường"],
                "",
            ),
            (
                "9.4",
                "Cơ sở giáo dục phổ thông thực hiện lồng ghép, tích hợp khởi nghiệp vào các môn học và hoạt động giáo dục",
                "%",
                {2030: "95%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn phường"],
                "",
            ),
            (
                "9.5",
                "Cơ sở giáo dục phổ thông triển khai phương thức giáo dục tích hợp Khoa học, Kỹ thuật, Công nghệ, Toán học (STEM) và nghiên cứu khoa học",
                "%",
                {2030: "100%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn phường"],
                "",
            ),
        ],
    ),
    (
        "PL1-II",
        "Chỉ tiêu theo Nghị quyết 71/NQ-CP đến năm 2045",
        [
            (
                "1",
                "Mức độ chuyển đổi số đối với các cơ sở giáo dục, cơ quan quản lý giáo dục trên địa bàn phường đạt mức 2 trở lên",
                "%",
                {2045: "100%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn phường"],
                "",
            ),
            (
                "2",
                "Cơ sở giáo dục phổ thông thực hiện lồng ghép, tích hợp khởi nghiệp vào các môn học và hoạt động giáo dục",
                "%",
                {2045: "100%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn phường"],
                "",
            ),
            (
                "3",
                "Cơ sở giáo dục trung học cơ sở có tổ chức câu lạc bộ khởi nghiệp và đổi mới sáng tạo hoạt động thường xuyên",
                "%",
                {2045: "100%"},
                ["Phòng Văn hóa - Xã hội"],
                ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn phường"],
                "",
            ),
        ],
    ),
]

# Rows of Phụ lục 1 whose wording, figure or unit had to be reconstructed from unreadable OCR.
RECONSTRUCTED_NQ71: dict[tuple[str, str], str] = {
    (
        "PL1-I",
        "4",
    ): "Dòng 4 của Phụ lục 1 in tên chỉ tiêu, cơ quan chủ trì và cơ quan phối hợp nhưng không in đơn vị tính, mục tiêu: các mức cụ thể ở 4.1 và 4.2. Dữ liệu mẫu: bản quét khó đọc, tên chỉ tiêu («hiện đại, dung lượng siêu lớn») được khôi phục gần đúng.",
    (
        "PL1-I",
        "4.1",
    ): "Dữ liệu mẫu: bản quét khó đọc, phần đầu tên chỉ tiêu «Tỷ lệ người sử dụng có khả năng truy nhập» được khôi phục từ chữ bị nhiễu.",
    (
        "PL1-I",
        "5",
    ): "Dữ liệu mẫu: bản quét khó đọc, chữ «số» trong «trên môi trường số» được khôi phục gần đúng.",
    (
        "PL1-I",
        "9.1",
    ): "Dữ liệu mẫu: bản quét khó đọc, mục tiêu «≥ 95%» đối với giáo dục mầm non và cơ quan quản lý giáo dục được khôi phục gần đúng (bản quét in «= 95»).",
    (
        "PL1-I",
        "9.3",
    ): "Dữ liệu mẫu: bản quét khó đọc, phần giữa tên chỉ tiêu («triển khai các chương trình giảng dạy về kỹ năng số cho học sinh (học viên) phù hợp với quy») và «Sở Giáo dục và Đào tạo» trong cơ quan phối hợp được khôi phục theo chỉ tiêu 13 của Phụ lục 2.",
}

# Phụ lục 2 has no unit column: every unit is inferred from the indicator's name and
# targets, and each indicator says so.
UNITS_INFERRED_ANNEX2 = (
    "Phụ lục 2 không có cột đơn vị tính: đơn vị tính suy ra từ tên chỉ tiêu và mục tiêu."
)

# Rows of Phụ lục 2 (plan_79.INDICATOR_GROUPS, group codes renamed PL2-I..PL2-IV) whose name or
# targets could not be read in the OCR.
RECONSTRUCTED_ANNEX2: dict[tuple[str, str], str] = {
    (
        "PL2-I",
        "2",
    ): "Dữ liệu mẫu: bản quét khó đọc, mục tiêu năm 2025 «94%» được khôi phục gần đúng (bản quét in «g4,»).",
    (
        "PL2-II",
        "7",
    ): "Dữ liệu mẫu: bản quét khó đọc, mục tiêu năm 2035 «95%» (bản quét in «5%») được khôi phục gần đúng; các mục tiêu 2040 «97%» và 2045 «100%» đọc từ chữ bị nhiễu.",
    (
        "PL2-II",
        "9",
    ): "Dữ liệu mẫu: bản quét khó đọc, phần đầu tên chỉ tiêu «Tỷ lệ cơ sở giáo dục phổ thông và giáo dục thường xuyên được đánh giá» được khôi phục gần đúng.",
    (
        "PL2-II",
        "10",
    ): "Dữ liệu mẫu: bản quét khó đọc, tên chỉ tiêu được khôi phục gần đúng; mục tiêu 2030 «≥ 90%» (bản quét in «200%») và 2035 «≥ 95%» (bản quét in «Z9%») không chắc chắn.",
    (
        "PL2-II",
        "12",
    ): "Dữ liệu mẫu: bản quét khó đọc, phần giữa tên chỉ tiêu được khôi phục theo chỉ tiêu 15; mục tiêu 2025 «≥ 80%» đọc từ «280%».",
    (
        "PL2-II",
        "13",
    ): "Dữ liệu mẫu: bản quét chỉ cho thấy một giá trị «100%», không xác định được cột năm; xếp vào năm 2030 theo chỉ tiêu 9.3 của Phụ lục 1.",
    (
        "PL2-II",
        "14",
    ): "Dữ liệu mẫu: bản quét khó đọc, cụm «tích hợp giáo dục» trong tên chỉ tiêu và việc xếp «≥ 95%» vào năm 2030, «100%» vào năm 2040 được khôi phục gần đúng.",
    (
        "PL2-III",
        "16",
    ): "Dữ liệu mẫu: bản quét khó đọc, mục tiêu 2035 (bản quét in «≥ 6») và 2040 (bản quét in «=») được khôi phục thành «≥ 3»; đơn vị «sáng kiến» suy ra từ tên chỉ tiêu.",
    (
        "PL2-IV",
        "24",
    ): "Dữ liệu mẫu: bản quét khó đọc, tên chỉ tiêu «Tỷ lệ dữ liệu của phường được số hóa, kết nối liên thông hệ thống tới Thành phố, Trung ương» được khôi phục gần đúng.",
    (
        "PL2-IV",
        "28",
    ): "Dữ liệu mẫu: bản quét không đọc được tên chỉ tiêu, tên hiện tại chỉ là phỏng đoán; chỉ đọc được mục tiêu 2025 «≥ 70%», 2045 «100%» và cơ quan chủ trì «Công an phường», các mục tiêu 2030–2040 được khôi phục gần đúng.",
}
