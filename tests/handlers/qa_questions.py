"""Questions people ask, as they type them, each with the fact its answer must contain.

Written for the default campaign (Directive 01/CT-UBND, Quảng Nam 2024): with and without
diacritics, with typos and telex leftovers, and in English. Dates come from the campaign file.
"""

VIETNAMESE: list[tuple[str, str]] = [
    # the theme
    ("Chủ đề thi đua năm 2024 là gì?", "Tập trung kiện toàn tổ chức bộ máy và cán bộ"),
    ("chu de thi dua nam nay la gi", "Tập trung kiện toàn tổ chức bộ máy và cán bộ"),
    ("chủ đề phong trào thi đua năm nay?", "Tập trung kiện toàn tổ chức bộ máy và cán bộ"),
    ("chu de thi dau nam 2024", "Tập trung kiện toàn tổ chức bộ máy và cán bộ"),
    ("chur ddeef thi dduaw nam nay", "Tập trung kiện toàn tổ chức bộ máy và cán bộ"),
    # the directive itself
    ("Chỉ thị phát động thi đua năm 2024 là chỉ thị số mấy?", "01/CT-UBND ngày 02/01/2024"),
    ("chi thi so may ngay nao", "01/CT-UBND ngày 02/01/2024"),
    ("ai ban hanh chi thi phat dong thi dua", "01/CT-UBND ngày 02/01/2024"),
    ("chir thij phats ddoong thi dduaw ban hanh ngay nao", "01/CT-UBND ngày 02/01/2024"),
    # who must register
    ("Đơn vị nào phải đăng ký thi đua?", "Chủ tịch UBND các huyện, thị xã, thành phố"),
    ("don vi nao phai dang ky thi dua", "Chủ tịch UBND các huyện, thị xã, thành phố"),
    ("huyen co phai dang ky thi dua khong", "Chủ tịch UBND các huyện, thị xã, thành phố"),
    ("nhung co quan nao phai xay dung ke hoach phat dong thi dua", "các đơn vị"),
    # the office in charge
    ("Nộp bản đăng ký thi đua cho ai?", "Sở Nội vụ"),
    ("co quan nao theo doi don doc dang ky thi dua", "Sở Nội vụ"),
    ("ai tham muu to chuc so ket tong ket", "Sở Nội vụ"),
    # reviews and rewards
    ("Sơ kết, tổng kết phong trào thi đua như thế nào?", "rút kinh nghiệm"),
    ("yeu cau ve so ket tong ket thi dua", "rút kinh nghiệm"),
    ("khen thuong va de nghi cap tren khen thuong dua vao dau", "đề nghị cấp trên khen thưởng"),
    # decree 73 and decision 658
    ("Nghị định 73/2023/NĐ-CP quy định gì?", "73/2023/NĐ-CP"),
    ("nghi dinh 73 noi ve gi", "73/2023/NĐ-CP"),
    ("bao ve can bo nang dong sang tao dam nghi dam lam", "73/2023/NĐ-CP"),
    ("Quyết định 658 là gì?", "658/QĐ-UBND"),
    ("ke hoach nhan rong mo hinh dien hinh tien tien", "658/QĐ-UBND"),
    ("nhân rộng gương điển hình tiên tiến theo kế hoạch nào", "658/QĐ-UBND"),
    # publicity
    ("Ai phụ trách tuyên truyền phong trào thi đua?", "Sở Văn hóa - Thể thao và Du lịch"),
    ("tuyen truyen do co quan nao lam", "Sở Văn hóa - Thể thao và Du lịch"),
    ("bieu duong guong nguoi tot viec tot", "Sở Văn hóa - Thể thao và Du lịch"),
    # why 2024, with whom, for whom
    ("Năm 2024 có ý nghĩa như thế nào?", "lần thứ XIII"),
    ("vi sao nam 2024 quan trong", "lần thứ XIII"),
    ("Chính quyền phối hợp với ai để tổ chức thi đua?", "Mặt trận Tổ quốc"),
    ("mat tran to quoc co tham gia phong trao khong", "Mặt trận Tổ quốc"),
    ("Phong trào hướng tới những đối tượng nào?", "công nhân lao động"),
    ("lan toa phong trao hanh dong trong nhung ai", "công nhân lao động"),
    # using the bot
    ("Đăng ký thi đua trên bot như thế nào?", "/dangky"),
    ("lam sao de dang ky giao uoc thi dua", "/dangky"),
    ("huong dan cach dang ky thi dua", "/dangky"),
    ("Sửa bản đăng ký đã gửi được không?", "Sửa một mục"),
    ("muon thay doi noi dung da dang ky thi lam the nao", "Sửa một mục"),
    ("sua ban dang ky dc ko", "Sửa một mục"),
    ("Có những danh hiệu tập thể nào để đăng ký?", "Tập thể lao động xuất sắc"),
    ("don vi duoc dang ky danh hieu gi", "Tập thể lao động xuất sắc"),
    ("Chỉ tiêu trọng tâm ghi như thế nào?", "đo được"),
    ("viet chi tieu thi dua the nao cho dung", "đo được"),
    ("Mã mời lấy ở đâu?", "ABCD-EFGH"),
    ("lam sao lien ket tai khoan voi don vi", "ABCD-EFGH"),
    ("ma moi o dau", "ABCD-EFGH"),
    # reporting
    ("Ai báo cáo UBND tỉnh về việc thực hiện chỉ thị?", "định kỳ báo cáo UBND tỉnh"),
    ("kiem tra don doc viec thuc hien chi thi", "định kỳ báo cáo UBND tỉnh"),
    # dates, from the campaign
    ("Hạn chót đăng ký thi đua là khi nào?", "17:00 ngày 31/12/2026"),
    ("han chot dang ky", "17:00 ngày 31/12/2026"),
    ("han dang ky thi dua", "31/12/2026"),
    ("khi nao phai nop ban dang ky", "31/12/2026"),
    ("hạn báo cáo sơ kết 6 tháng", "15/06/2027"),
    ("khi nao tong ket nam", "15/11/2027"),
    ("cac moc thoi han", "15/11/2027"),
    # the leader's own unit
    ("đơn vị tôi đã đăng ký chưa", "bản nháp, đã trả lời"),
    ("con bao nhieu ngay nua het han dang ky", "(còn 41 ngày)"),
    ("tinh trang dang ky cua don vi", "bản nháp, đã trả lời"),
]

ENGLISH: list[tuple[str, str]] = [
    ("What is the emulation theme for 2024?", "Tập trung kiện toàn"),
    ("Which directive launched the emulation movement?", "01/CT-UBND"),
    ("Who must register a pledge?", "district-level"),
    ("When is the registration deadline?", "31 December 2026"),
    ("How do I register my unit's pledge?", "/register"),
    ("Can I change a pledge after submitting it?", "Change an answer"),
    ("Who is in charge of publicising the movement?", "Culture, Sports and Tourism"),
    ("Where do I get an invite code?", "ABCD-EFGH"),
]

OFF_TOPIC: list[str] = [
    "Thời tiết hôm nay thế nào?",
    "gia vang hom nay bao nhieu",
    "tỷ giá đô la hôm nay",
    "cach nau pho bo",
    "bong da toi nay ai da",
    "mat khau wifi la gi",
    "lich nghi tet 2025",
    "Who won the world cup?",
    "how to cook rice",
    "đặt vé máy bay đi Hà Nội",
    "công thức làm bánh mì",
    "xe buyt so 5 chay may gio",
]
