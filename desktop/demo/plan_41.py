"""Kế hoạch 41/KH-UBND xã Hưng Nguyên (seed 004): 2026 science, technology, innovation and digital transformation plan, transcribed with diacritics for demo data."""

from __future__ import annotations

from typing import Any

OFFICE = {"name": "Hưng Nguyên", "level": "xa", "parent_name": "tỉnh Nghệ An"}

PLAN: dict[str, Any] = {
    "number": "41/KH-UBND",
    "issued_on": "2025-08-20",
    "issuer": "UBND xã Hưng Nguyên",
    "summary": "Hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2026",
    "start_year": 2026,
    "end_year": 2026,
}

# Mục IV.1: when the units report.
SCHEDULE_TEXT = "Định kỳ hằng Quý báo cáo kết quả thực hiện về UBND xã (qua phòng Văn hóa - Xã hội) trước ngày 12 tháng cuối Quý để tổng hợp, báo cáo UBND tỉnh theo quy định"

# The appendix assigning tasks to units is not in the seed; mục IV.1 gives the
# lead role to the units of the UBND xã by function, so that is the default lead,
# and each task says so where the clerk reads it.
_LEAD = ["Các cơ quan, đơn vị thuộc UBND xã"]
LEAD_INFERRED = (
    "Kế hoạch không in cơ quan chủ trì ở dòng nhiệm vụ: «Các cơ quan, đơn vị thuộc UBND "
    "xã» lấy theo mục IV.1 (chủ trì theo chức năng, nhiệm vụ, lĩnh vực ngành); UBND xã "
    "giao cơ quan trực tiếp chủ trì."
)

# Each section: (code, title, tasks); each task:
# (title, [lead units], [coordinating units], deadline text verbatim, expected product)
SECTIONS: list[tuple[str, str, list[tuple]]] = [
    (
        "3.1",
        "Công tác lãnh đạo, chỉ đạo; Nâng cao nhận thức và quyết tâm chính trị về đổi mới tư duy, phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        [
            (
                "Tổ chức quán triệt cho cán bộ, đảng viên và nhân dân về nội dung thực hiện nhiệm vụ về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ; Kế hoạch hành động số 328-KH/TU của Tỉnh ủy Nghệ An thực hiện Nghị quyết số 57-NQ/TW",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Tuyên truyền, đăng các tin bài về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên Cổng thông tin điện tử; các nền tảng số, mạng xã hội và các phương tiện điện tử khác. Cụ thể hóa nội dung tuyên truyền cho từng nhóm đối tượng người dân, doanh nghiệp, chính quyền các cấp, phối hợp hiệu quả giữa các ngành, đoàn thể trên địa bàn",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Tham gia các hoạt động phong trào thi đua của tỉnh phát động thực hiện nhiệm vụ về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Rà soát đề xuất biểu dương, tôn vinh, khen thưởng, động viên kịp thời các tập thể, cá nhân có thành tích trong phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Thường xuyên thực hiện thanh tra, kiểm tra thực hiện công vụ của công chức, viên chức, người lao động trong thực hiện nhiệm vụ được giao",
                _LEAD,
                [],
                "Thường xuyên",
                "",
            ),
        ],
    ),
    (
        "3.2",
        "Đề xuất cơ chế, chính sách; tạo lợi thế cạnh tranh trong phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        [
            (
                "Rà soát, đề xuất các cấp có thẩm quyền tháo gỡ các điểm nghẽn, rào cản về thể chế, chính sách trong phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và nguồn nhân lực chất lượng cao",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Nghiên cứu triển khai danh mục các lĩnh vực công nghệ chiến lược, các dự án trọng điểm, các khu vực có tiềm năng để thu hút, sử dụng hiệu quả mọi nguồn lực đầu tư ứng dụng khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Nghiên cứu, đề xuất với cấp trên về cơ chế, chính sách ưu đãi và đơn giản hóa thủ tục hành chính về đầu tư trong lĩnh vực khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số để thu hút, sử dụng hiệu quả mọi nguồn lực đầu tư",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Thực hiện rà soát đề xuất điều chỉnh các quy trình nội bộ để phù hợp xử lý trên môi trường điện tử; thực hiện các biện pháp, giải pháp linh hoạt sáng tạo, hiệu quả cho phép sử dụng các giấy tờ điện tử tích hợp trên tài khoản định danh điện tử thay thế với giấy tờ giấy khi thực hiện các thủ tục hành chính; cắt giảm các thành phần hồ sơ khi dữ liệu đã được số hóa",
                _LEAD,
                [],
                "",
                "",
            ),
        ],
    ),
    (
        "3.3",
        "Phát triển dịch vụ công, nâng cao hiệu quả giải quyết thủ tục hành chính trên môi trường điện tử",
        [
            (
                "Triển khai thực hiện giải quyết thủ tục hành chính, phi địa giới hành chính, người dân chỉ cần đến Trung tâm phục vụ hành chính công gần nhất để nộp hồ sơ giao dịch các thủ tục hành chính. Xây dựng Kế hoạch nâng cao chất lượng cung cấp dịch vụ công trực tuyến toàn trình; cung cấp dịch vụ số mới được cá nhân hóa, dựa trên dữ liệu cho người dân và doanh nghiệp",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Tái cấu trúc quy trình để đơn giản hóa, cắt giảm, gỡ bỏ thủ tục hành chính khi dữ liệu CSDL quốc gia về dân cư và CSDL khác đã đáp ứng được yêu cầu (dữ liệu đã trưởng thành); Không yêu cầu người dân phải nộp lại những giấy tờ khi dữ liệu đã được số hóa",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính về đầu tư kinh doanh, nhất là đối với các doanh nghiệp, nhất là thuộc lĩnh vực khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số để nâng cao hiệu quả thu hút đầu tư, cải thiện môi trường đầu tư kinh doanh",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Đảm bảo 100% thủ tục hành chính liên quan đến người dân, doanh nghiệp được thực hiện trực tuyến, thông suốt, hiệu quả; 100% thủ tục hành chính không bị giới hạn bởi địa giới hành chính",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Hướng dẫn, chỉ đạo điều chỉnh quy trình nghiệp vụ; các cơ quan không yêu cầu công dân phải xuất trình giấy tờ, bản sao y, công chứng trước khi thực hiện TTHC liên quan đến lĩnh vực hành chính theo Luật Giao dịch điện tử",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Kết nối, làm sạch dữ liệu hộ tịch, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư. Đẩy mạnh số hóa, kết nối, chia sẻ, khai thác dữ liệu phục vụ giải quyết Thủ tục hành chính",
                _LEAD,
                [],
                "",
                "",
            ),
        ],
    ),
    (
        "3.4",
        "Tăng cường đầu tư, hoàn thiện hạ tầng công nghệ thông tin; ứng dụng, dịch vụ số",
        [
            (
                "Rà soát tổng thể các hạng mục công nghệ thông tin cần đầu tư để xác định vốn từ kinh phí thường xuyên để sử dụng ngay tại địa phương đảm bảo đầu tư hiệu quả, tiết kiệm, tránh trùng lặp, lãng phí",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Đầu tư, nâng cấp hạ tầng công nghệ thông tin hoặc thuê hệ thống hạ tầng công nghệ thông tin, trang thiết bị phục vụ chính quyền số, kinh tế số, xã hội số. Phát triển thanh toán số, thúc đẩy kinh tế số, xã hội số. Lồng ghép phương án phát triển hạ tầng số vào quy hoạch chung",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Phát triển hạ tầng số cho các khu vực trọng điểm (khu công nghiệp, khu công nghệ cao, đô thị thông minh...) có tính kết nối, liên thông; thúc đẩy kết nối, chia sẻ hạ tầng số giữa các cơ quan, đơn vị trên địa bàn",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Tham mưu ban hành các cơ chế, chính sách nhằm thúc đẩy ứng dụng, phát triển công nghệ thông tin và chuyển đổi số trên địa bàn xã",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Bố trí đủ nguồn lực tài chính để triển khai các nội dung, nhiệm vụ đề ra tại Kế hoạch. Tăng tỷ lệ chi ngân sách cho hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số đáp ứng yêu cầu, quy định và phù hợp khả năng cân đối ngân sách",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Phối hợp với các đơn vị liên quan đưa ra giải pháp nhằm đảm bảo tỷ lệ phủ sóng mạng 5G đạt ít nhất 80% số lượng trạm phát sóng 4G hiện nay, tạo nền tảng hạ tầng công nghệ vững chắc để hỗ trợ chuyển đổi số và thúc đẩy phát triển kinh tế - xã hội trên toàn xã",
                _LEAD,
                ["Các đơn vị liên quan"],
                "",
                "",
            ),
        ],
    ),
    (
        "3.5",
        "Đẩy mạnh hoàn thiện các Cơ sở dữ liệu, ứng dụng dữ liệu vào các tiện ích cho người dân, doanh nghiệp, phục vụ quản lý, điều hành của xã",
        [
            (
                "Số hóa hồ sơ, tài liệu, thực hiện toàn bộ các hoạt động xử lý hồ sơ, công việc, giải quyết thủ tục hành chính, cung cấp dịch vụ công, các ứng dụng tiện ích chất lượng cao phục vụ công tác chỉ đạo, điều hành của các cơ quan trong hệ thống chính trị tại địa bàn, phục vụ cán bộ, công chức, người dân, doanh nghiệp trên môi trường số",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Tích hợp, liên thông các cơ sở dữ liệu (dân cư, đất đai, doanh nghiệp...) trên nền tảng chung, hạn chế trùng lặp, phân tán dữ liệu",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Phối hợp với tổ chức Ngân hàng thúc đẩy việc thanh toán, chi trả không dùng tiền mặt trên mọi lĩnh vực của đời sống xã hội, thực hiện thường xuyên. Chủ trì, phối hợp với các phòng, ngành và các đơn vị liên quan triển khai thu thuế hộ gia đình và cá nhân qua ứng dụng nộp thuế điện tử",
                _LEAD,
                ["Tổ chức Ngân hàng", "Các phòng, ngành", "Các đơn vị liên quan"],
                "Thường xuyên",
                "",
            ),
            (
                "Đẩy nhanh tiến độ triển khai giải pháp KIOSK y tế thông minh, đảm bảo Trạm y tế hoàn thành triển khai KIOSK y tế thông minh, hoàn thành theo lộ trình của tỉnh",
                _LEAD,
                [],
                "Theo lộ trình của tỉnh",
                "",
            ),
            (
                "Triển khai thực hiện liên thông dữ liệu Sổ sức khỏe điện tử, Giấy chuyển tuyến, Giấy hẹn khám lại, kết quả xét nghiệm phục vụ khai thác thông tin Sổ sức khỏe trên VNeID trực tiếp từ phần mềm của cơ sở khám chữa bệnh",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Đẩy mạnh chuyển đổi số trong lĩnh vực văn hóa, thể thao, du lịch để phát triển công nghiệp văn hóa, thu hút khách du lịch; hỗ trợ người dân dễ dàng tiếp cận và sử dụng các dịch vụ thể thao thông minh, tiện ích góp phần nâng cao sức khỏe người dân. Tập trung xây dựng cơ sở dữ liệu về văn hóa, thể thao, du lịch, số hóa các di sản, thư viện...",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Triển khai các nền tảng số thông minh trong các ngành, lĩnh vực: nông nghiệp, giáo dục, y tế, đô thị, môi trường... Phát triển thanh toán số, thúc đẩy kinh tế số, xã hội số, nâng cao năng lực cạnh tranh",
                _LEAD,
                [],
                "",
                "",
            ),
        ],
    ),
    (
        "3.6",
        "Đảm bảo an ninh an toàn, bảo mật hệ thống, dữ liệu cá nhân",
        [
            (
                "Thực hiện phát triển các sản phẩm, dịch vụ dữ liệu, bảo đảm an ninh dữ liệu, bảo vệ dữ liệu cá nhân, hoàn thành theo lộ trình của tỉnh",
                _LEAD,
                [],
                "Theo lộ trình của tỉnh",
                "",
            ),
            (
                "Thực hiện giải pháp tăng cường an ninh dữ liệu, phát triển các dịch vụ an ninh dữ liệu. Duy trì và tăng cường các biện pháp đảm bảo an toàn an ninh thông tin phục vụ chuyển đổi số",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Xây dựng và ban hành các quy chế quy định về quản lý, vận hành các hệ thống công nghệ thông tin",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Đảm bảo an ninh, an toàn, bảo mật ở xã; thường xuyên kiểm tra, giám sát đảm bảo an ninh, an toàn tuyệt đối các hệ thống thông tin phục vụ Đề án 06/CP. Đặc biệt đối với các thiết bị đầu cuối của cán bộ, công chức cấp xã",
                _LEAD,
                [],
                "Thường xuyên",
                "",
            ),
        ],
    ),
    (
        "3.7",
        "Phát triển, trọng dụng nhân lực chất lượng nhằm đáp ứng yêu cầu phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        [
            (
                "Tham mưu đào tạo, bồi dưỡng cho công chức, viên chức kiến thức về khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số, công nghệ số cơ bản phục vụ chuyển đổi số trên địa bàn",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Tham mưu xây dựng chương trình, kế hoạch phát động phong trào học tập trên các nền tảng số để trở thành phong trào “học tập số” thường xuyên, liên tục, phổ cập, nâng cao kiến thức về khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số, công nghệ số cơ bản trong cán bộ, công chức và nhân dân; cụ thể hóa nhiệm vụ chuyển đổi số, phát triển khoa học, công nghệ, đổi mới sáng tạo trong chương trình, kế hoạch công tác hằng năm của cơ quan, tổ chức, đơn vị",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Thực hiện đồng bộ các giải pháp tăng cường giáo dục và hướng nghiệp STEM, thu hút học sinh giỏi theo học các ngành STEM; xây dựng và triển khai các chính sách phát hiện và bồi dưỡng tài năng STEM từ sớm",
                _LEAD,
                [],
                "",
                "",
            ),
            (
                "Thúc đẩy Chương trình “Bình dân học vụ số” nhằm mang lại cơ hội tiếp cận tri thức và nâng cao năng lực học tập cho người dân trên địa bàn xã, đảm bảo tính phổ cập và hiệu quả",
                _LEAD,
                [],
                "",
                "",
            ),
        ],
    ),
]

# The seed prints no lead units for the targets; mục IV.2 gives Phòng Văn hóa - Xã hội
# the monitoring role, and each indicator says so.
_IND_LEAD = ["Phòng Văn hóa - Xã hội"]
INDICATOR_LEAD_INFERRED = (
    "Kế hoạch không in cơ quan theo dõi chỉ tiêu: Phòng Văn hóa - Xã hội lấy theo mục IV.2 "
    "(chủ trì theo dõi, đôn đốc); cơ quan phối hợp lấy theo mục IV.1."
)
_IND_COORD = ["Các cơ quan, đơn vị thuộc UBND xã"]

# Each group: (code, title, indicators); each indicator:
# (code, name, unit of measure, {year: target text verbatim}, [lead units], [coordinating units], output)
INDICATOR_GROUPS = [
    (
        "I",
        "Phát triển hạ tầng",
        [
            (
                "1",
                "Tỷ lệ phủ sóng 5G trên địa bàn",
                "%",
                {2026: "≥ 50%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "2",
                "Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gb/s",
                "%",
                {2026: "≥ 30%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
        ],
    ),
    (
        "II",
        "Phát triển nguồn lực",
        [
            (
                "3",
                "Tỷ lệ chi ngân sách nhà nước cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số; Tỷ lệ chi cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số của xã",
                "",
                {2026: "Bảo đảm đạt mức theo phân bổ và điều kiện thực tiễn"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "4",
                "Cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số cơ bản",
                "%",
                {2026: "≥ 80%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "5",
                "Cán bộ, công chức, viên chức làm chủ kỹ năng số, ứng dụng công nghệ trong quản lý, điều hành",
                "%",
                {2026: "80%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "6",
                "Dân số trưởng thành tiếp cận dịch vụ số trong y tế, giáo dục, bảo hiểm, giao thông",
                "%",
                {2026: "80%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
        ],
    ),
    (
        "III",
        "Phát triển khoa học, công nghệ",
        [
            (
                "7",
                "Số doanh nghiệp khoa học và công nghệ trên địa bàn",
                "doanh nghiệp",
                {2026: "≥ 4"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "8",
                "Ứng dụng AI, IoT, Big Data,... trong quản lý môi trường, đô thị thông minh và các lĩnh vực trọng điểm để phát triển kinh tế xã hội; nâng cao chất lượng sống người dân",
                "",
                {2026: "Có ứng dụng"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
        ],
    ),
    (
        "IV",
        "Phát triển chuyển đổi số",
        [
            (
                "9",
                "Chỉ số chuyển đổi số cấp xã",
                "điểm",
                {2026: "50"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "10",
                "Tỷ lệ thủ tục hành chính được tiếp nhận, giải quyết phi địa giới hành chính giữa trung ương và địa phương, giữa các cấp chính quyền",
                "%",
                {2026: "≥ 90%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "11",
                "Tỷ lệ thủ tục hành chính liên quan đến đào tạo, nghiên cứu, sản xuất, kinh doanh phải được thực hiện trực tuyến",
                "%",
                {2026: "100%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "12",
                "Tỷ lệ giao dịch hành chính thuộc diện “phi tiếp xúc”",
                "%",
                {2026: "≥ 70%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "13",
                "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
                "%",
                {2026: "100%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "14",
                "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa",
                "%",
                {2026: "≥ 70%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "15",
                "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện",
                "%",
                {2026: "≥ 80%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "16",
                "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến",
                "%",
                {2026: "≥ 70%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "17",
                "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử",
                "%",
                {2026: "22%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "18",
                "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu đã được số hóa trong giải quyết TTHC, dịch vụ công",
                "%",
                {2026: "23%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "19",
                "Tỷ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính, dịch vụ công",
                "%",
                {2026: "24%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "20",
                "Tỷ lệ xử lý văn bản, hồ sơ công việc toàn trình trên môi trường điện tử của các cơ quan hành chính nhà nước",
                "%",
                {2026: "25%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "21",
                "Tỉ lệ các cơ quan nhà nước thực hiện chỉ đạo, điều hành, quản trị nội bộ trên môi trường điện tử",
                "%",
                {2026: "26%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "22",
                "Tỷ lệ dữ liệu của các Ban, Phòng, ngành được tích hợp với trục liên thông dữ liệu cấp tỉnh",
                "%",
                {2026: "≥ 60%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "23",
                "Tỷ lệ doanh nghiệp vừa và nhỏ địa phương ứng dụng công nghệ số",
                "%",
                {2026: "≥ 30%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "24",
                "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)",
                "%",
                {2026: "≥ 65%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "25",
                "Tỷ lệ người dân trưởng thành có chữ ký số",
                "%",
                {2026: "≥ 5%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "26",
                "Tỷ lệ cán bộ, công chức sử dụng phần mềm quản trị điều hành thống nhất",
                "%",
                {2026: "100%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "27",
                "Dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc các tổ chức được phép khác",
                "%",
                {2026: "20%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "28",
                "Tỷ lệ người dân có sổ sức khỏe điện tử",
                "%",
                {2026: "≥ 90%"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
            (
                "29",
                "Quy mô kinh tế số",
                "% GRDP",
                {2026: "5% GRDP"},
                _IND_LEAD,
                _IND_COORD,
                "",
            ),
        ],
    ),
]

_BASELINE_NOTE = "Hiện trạng năm 2025 theo mục A.I của Kế hoạch 41/KH-UBND"

# Indicator code -> (value, value text, note): 2025 situation stated as a figure in
# mục A.I that matches the indicator's definition closely.
BASELINE_2025: dict[str, tuple[float | None, str, str]] = {
    "16": (
        70.0,
        "70%",
        f"{_BASELINE_NOTE}: «Tỷ lệ hồ sơ giải quyết thủ tục hành chính tiếp nhận trực tuyến đạt 70%»",
    ),
    "26": (
        100.0,
        "100%",
        f"{_BASELINE_NOTE}: «100% cán bộ công chức được cấp và sử dụng thường xuyên phần mềm quản lý văn bản và điều hành VNPT-iOffice, hộp thư công vụ»",
    ),
}

# Items whose wording or figure had to be reconstructed from an unreadable scan.
RECONSTRUCTED: dict[tuple[str, str], str] = {
    (
        "task",
        "3.4/2",
    ): "Dữ liệu mẫu: bản quét in «vào quy hoạch của chung», khôi phục thành «vào quy hoạch chung»; có thể bản gốc là «quy hoạch chung của xã».",
    (
        "task",
        "3.5/3",
    ): "Dữ liệu mẫu: câu «Chủ trì, phối hợp với các phòng, ngành…» không ghi rõ đơn vị chủ trì; giữ nguyên trong cùng một gạch đầu dòng như bản quét.",
    ("indicator", "2"): "Dữ liệu mẫu: bản quét in «2 30%», khôi phục thành «≥ 30%».",
    (
        "indicator",
        "4",
    ): "Dữ liệu mẫu: bản quét khó đọc phần đầu tên chỉ tiêu, khôi phục gần đúng thành «Cán bộ, công chức cấp xã».",
    (
        "indicator",
        "8",
    ): "Dữ liệu mẫu: bản quét khó đọc cả tên chỉ tiêu («quản lý môi trường, đô thị thông minh») lẫn cột mục tiêu; mục tiêu «Có ứng dụng» khôi phục gần đúng.",
    (
        "indicator",
        "14",
    ): "Dữ liệu mẫu: số thứ tự in thành «4», khôi phục thành «14» theo thứ tự bảng.",
    ("indicator", "16"): "Dữ liệu mẫu: bản quét in «>T70%», khôi phục thành «≥ 70%».",
    (
        "indicator",
        "17",
    ): "Dữ liệu mẫu: bản quét in «229», khôi phục thành «22%» (ký hiệu % đọc nhầm thành 9); không rõ có dấu «≥» hay không, và mức này thấp bất thường so với chỉ tiêu cấp trên.",
    (
        "indicator",
        "18",
    ): "Dữ liệu mẫu: bản quét in «23%»; các mục 17–21 có mục tiêu liên tiếp 22%–26%, đáng ngờ, có thể đọc sai hoặc mất dấu «≥».",
    (
        "indicator",
        "19",
    ): "Dữ liệu mẫu: bản quét in «24%»; các mục 17–21 có mục tiêu liên tiếp 22%–26%, đáng ngờ, có thể đọc sai hoặc mất dấu «≥».",
    (
        "indicator",
        "20",
    ): "Dữ liệu mẫu: bản quét in «25%»; các mục 17–21 có mục tiêu liên tiếp 22%–26%, đáng ngờ, có thể đọc sai hoặc mất dấu «≥».",
    (
        "indicator",
        "21",
    ): "Dữ liệu mẫu: bản quét in «26%»; các mục 17–21 có mục tiêu liên tiếp 22%–26%, đáng ngờ, có thể đọc sai hoặc mất dấu «≥».",
    (
        "indicator",
        "23",
    ): "Dữ liệu mẫu: số thứ tự in thành «73», khôi phục thành «23» theo thứ tự bảng.",
    (
        "indicator",
        "26",
    ): "Dữ liệu mẫu: số thứ tự in thành «2%», khôi phục thành «26» theo thứ tự bảng.",
    (
        "indicator",
        "27",
    ): "Dữ liệu mẫu: tên chỉ tiêu khó đọc («trở lên» khôi phục); mục tiêu đọc được «20%» nhưng thấp bất thường, có thể bản quét đọc sai.",
}
