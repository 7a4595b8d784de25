"""How people ask about who has registered, as they type on phones: folded words and phrases
(no diacritics, "dk" for "đăng ký"), matched as whole words."""

import re

# fmt: off
# Counting units, not days: "còn bao nhiêu ngày" is a question about the deadline.
HOW_MANY = ("bao nhieu", "bn", "may", "so luong", "how many", "what share")
UNIT_COUNT = ("bao nhieu don vi", "bao nhieu dv", "bn dv", "bn don vi", "may don vi", "may dv")
RATE = ("ty le", "ti le", "phan tram", "percent", "percentage")
NOT_UNITS = ("ngay", "gio", "tuan", "thang", "days", "hours", "weeks", "time", "chi tieu",
             "ca nhan", "nguoi", "ng", "chien si", "danh hieu", "targets", "people", "lan",
             "times")  # "mã dùng được mấy lần"
REGISTERED = ("dang ky", "dang ki", "dk", "dki", "gui", "nop", "register", "registered",
              "submitted", "pledged", "signed up")
NOT_YET = ("chua dang ky", "chua dang ki", "chua dk", "chua nop", "chua gui", "chua xong",
           "not registered", "not submitted", "haven t registered", "have not registered",
           "hasn t registered", "has not registered", "not yet registered", "still missing",
           "pending", "late", "tre han", "cham tre", "cham nop", "nop cham", "con cham",
           "bi cham", "dang cham", "dang ky cham", "cham dang ky",  # not "phương châm"
           "ban nhap", "dang lam", "do dang", "draft",
           "goi dien", "can goi", "can nhac", "nhac nho", "phai nhac", "nen nhac", "nhac ai",
           "nhac don vi", "nhac nhung", "nhac cac", "con thieu")  # not "có nhắc" (mentions)
DRAFTS = ("ban nhap", "do dang", "dang lam", "lam do", "lam dang", "draft", "drafts")
DONE = ("da dang ky", "da dang ki", "da dk", "da nop", "da gui", "dang ky roi", "dk roi",
        "nop roi", "gui roi", "have registered", "has registered", "registered",
        "have submitted", "submitted")
LISTING = ("nao", "ai", "danh sach", "ds", "nhung don vi", "cac don vi", "list", "which", "who")
# Questions about the rules, not the figures: "các đơn vị đã đăng ký có được sửa không?"
RULES = ("phai", "must", "need", "needs", "required", "can phai", "bat buoc", "sua",
         "duoc khong", "co duoc", "lam sao", "nhu the nao", "lam the nao", "how do", "how can",
         "how to", "can i", "can we", "khi nao", "bao gio", "when", "edit", "change", "o dau",
         "where", "thi sao", "what happens", "cach nao", "co cach", "con cach", "bi sao",
         "bi gi", "se sao", "se ra sao", "se the nao", "mo lai", "xu ly", "duoc nua")
# The deadline gone by, in a question about the rules: "quá hạn đăng ký rồi thì sửa sao?"
GONE_BY = ("qua han", "het han", "sau han", "tre han", "past the deadline", "after the deadline",
           "bi khoa", "mo lai", "mo khoa", "locked", "reopen", "lo han", "qua ngay", "sau ngay")
# A question supposing something ("nếu huyện chưa đăng ký thì xử lý thế nào?"): about the rules
SUPPOSING = ("neu", "gia su", "if", "what if")
KINDS = {  # the kinds of unit in the campaign file, as people name them in a question
    # ("UBND huyện Đại Lộc chưa đăng ký à" names a unit, not the districts)
    "district": ("cac huyen", "huyen nao", "nhung huyen", "bao nhieu huyen", "may huyen",
                 "dia phuong", "districts"),
    "department": ("cac so", "so nao", "nhung so", "bao nhieu so", "may so", "so nganh",
                   "so ban nganh", "departments"),
    "central": ("cac don vi trung uong", "central units"),
}
ASKS_ONE = ("dang ky chua", "dang ki chua", "dk chua", "dki chua", "gui chua", "nop chua",
            "xong chua", "het chua", "registered yet", "submitted yet", "tinh hinh",
            "trang thai", "status", "sao roi", "thi sao", "ra sao", "sdt", "so dien thoai",
            "lien he", "contact", "phone", "chua dk", "chua dang ky", "chua nop", "chua gui",
            "den dau", "roi chua", "dk roi", "dang ky roi", "gui roi", "nop roi", "so dt",
            "dien thoai", "thanh cong chua", "tiep nhan", "thieu", "thuoc cum nao",
            "thuoc khoi nao", "o cum nao", "o khoi nao")
# Asking whom to contact: of a unit, the office's question; of no unit, a leader's about the office
CONTACT = ("lien he", "contact", "hoi ai", "ask who", "so dien thoai", "sdt", "so dt",
           "dien thoai")
EN_ASKS_ONE = re.compile(r"^ (has|have|did|is) .* (registered|submitted|submit|register) $")
# The question's own words, taken out to leave what it is about: "Hội An đã đăng ký chưa ạ"
PHRASES = ("bao cao", "tinh hinh", "trang thai", "the nao", "ra sao", "sao roi", "thi sao",
           "lien he", "so dien thoai", "so dt", "dien thoai", "xong het", "het chua", "den dau",
           "ban dang ky", "ban dk", "thanh cong", "tiep nhan", "thuoc cum nao", "thuoc khoi nao",
           "o cum nao", "o khoi nao", "con thieu")
FILLER = {"da", "chua", "roi", "co", "khong", "k", "ko", "hk", "a", "ah", "vay", "z", "v",
          "nhe", "oi", "ad", "has", "have", "did", "does", "is", "are", "yet", "already",
          "the", "dang", "ky", "ki", "dk", "dki", "gui", "nop", "xong", "registered",
          "submitted", "register", "submit", "sent", "status", "cua", "pledge", "its", "their",
          "cho", "biet", "hoi", "xem", "giup", "em", "sao", "nhi", "ha", "ne", "r", "sdt",
          "contact", "phone", "of", "what", "about", "how", "anh", "chi", "xin", "e", "nguoi",
          "duoc", "thieu", "cau", "nua", "con", "may", "gio", "de", "la", "ai", "nhac"}
SELF = {"don vi minh", "don vi toi", "don vi cua toi", "don vi cua minh", "coquan toi",
        "coquan minh", "coquan cua toi", "minh", "toi", "chung toi", "ben minh", "my unit",
        "our unit", "we", "my", "our", "i", "don vi", "coquan", "ben", "dv", "dv toi",
        "dv minh", "dv cua toi", "don vi em", "dv em", "coquan em", "ben em", "ben anh",
        "ben chi", "don vi anh", "don vi chi", "dv anh", "dv chi", "minh cua"}
# fmt: on
