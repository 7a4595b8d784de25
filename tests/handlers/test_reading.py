"""How a question is read: its language, its words, its parts, what it asks for."""

from __future__ import annotations

import pytest

from handlers import clauses, naming, reading, sought


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Who signs the directive?", "en"),
        ("What is Decision 658/QĐ-UBND about?", "en"),  # a document's number is not a word
        ("is our unit's pledge registered already?", "en"),
        ("cac don vi to chuc the nao", "vi"),  # "to", "the" are syllables too
        ("han chot dang ky", "vi"),
        ("Chủ đề thi đua năm 2024 là gì?", "vi"),
        ("ok", "vi"),
        ("Directive 01/CT-UBND signing date?", "en"),  # terse: no "what", no "the"
        ("deadline nop file online", "vi"),  # "nop" is Vietnamese
        ("Did Quế Sơn district send our pledge already?", "en"),  # a name has Vietnamese marks
        ("Quế Sơn nộp chưa", "vi"),
    ],
)
def test_the_language_is_told_from_the_question(text: str, language: str) -> None:
    assert reading.language(text) == language


def test_words_are_read_as_typed_on_phones() -> None:
    assert reading.syllables("chir thij") == ["chi", "thi"]  # telex leftovers
    assert reading.syllables("ký kí lý quý tuy") == ["ki", "ki", "li", "quy", "tuy"]
    assert reading.syllables("dk xong co sua dc k") == [
        *("dang", "ki", "xong", "co", "sua", "duoc", "khong"),
    ]
    assert reading.syllables("gìiii z") == ["gi", "vay"]
    assert reading.syllables("registered pledges", "en") == reading.syllables(
        "register pledge", "en"
    )


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("hạn chót khi nào và ai ký chỉ thị?", ["hạn chót khi nào", "ai ký chỉ thị"]),
        (
            "Chỉ thị ban hành ngày nào, chủ đề là gì?",
            ["Chỉ thị ban hành ngày nào", "chủ đề là gì"],
        ),
        ("Sở Văn hóa, Thể thao và Du lịch làm gì?", ["Sở Văn hóa, Thể thao và Du lịch làm gì?"]),
        ("What are the number and the date of the directive?", None),
        ("khi nào và ở đâu nộp", None),  # too short to be two questions
    ],
)
def test_two_questions_divide_and_one_does_not(text: str, pieces: list[str] | None) -> None:
    assert clauses.parts(text) == (pieces or [text])


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Đạt Chiến sĩ thi đua thì được thưởng bao nhiêu tiền?", ["tien"]),
        ("Chủ tịch UBND tỉnh hiện nay tên là gì?", ["ten"]),
        ("Nghị quyết Đại hội Đảng là khóa mấy?", []),  # its «lần thứ mấy»: a number
        ("bên nào phụ trách tuyên truyền", []),  # "bên" only classifies
        ("Ai ký chỉ thị", []),
    ],
)
def test_what_a_question_asks_for(text: str, asked: list[str]) -> None:
    assert sought.focus(reading.syllables(text)) == asked


def test_places_and_years_named() -> None:
    assert naming.places("da nang giao so nao tuyen truyen") == ["Đà Nẵng"]
    assert naming.places("Hội An, Tam Kỳ") == []
    assert naming.years("chỉ thị năm 2023, nghị định 73/2023") == {2023}


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("chủ đề năm 24 là j", "chủ đề năm 2024 là j"),
        ("Nam 25 han dang ky", "Nam 2025 han dang ky"),
        ("theme of year 24?", "theme of year 2024?"),
        ("nam 2k23 han dang ky", "nam 2023 han dang ky"),  # as young people type it
        ("trong 5 năm 10 tháng", "trong 5 năm 10 tháng"),  # a span, not a year
        ("năm 24/12", "năm 24/12"),  # a day
        ("UBND tinh Quang Nam 24 don vi", "UBND tinh Quang Nam 24 don vi"),  # a place
    ],
)
def test_a_year_typed_short_is_read_in_full(typed: str, read: str) -> None:
    assert naming.whole_years(typed) == read


def test_a_clause_saying_no_or_naming_a_conference_asks_nothing() -> None:
    told = "Chào anh chị, hôm qua trong cuộc họp có người hỏi mà tôi không nhớ rõ: ai ký chỉ thị?"
    assert {"cuoc", "hop", "nho"} <= clauses.aside(told)
    assert clauses.beyond(told) == []  # the meeting is why it is asked, not what
    plain = "huyen dang lam bang ron cho hoi nghi, chu de thi dua nam 2024 la gi"
    assert {"bang", "ron", "nghi"} <= clauses.aside(plain)
    assert clauses.aside("Đơn vị tôi chưa nộp, cho em hỏi hạn chót khi nào?") == frozenset()


def test_words_that_say_nothing_go_only_when_typed_with_their_marks() -> None:
    # "chị" and "hỏi" go; "chỉ" and "hội" stay, and so do the same words typed bare
    assert reading.syllables("Cho em hỏi chỉ thị ký ngày nào chị?") == [
        *("cho", "chi", "thi", "ki", "ngay", "nao"),
    ]
    assert reading.syllables("Đại hội Đảng") == ["dai", "hoi", "dang"]
    assert reading.syllables("hoi chi") == ["hoi", "chi"]
    assert reading.syllables("namm nayy") == ["nam", "nay"]  # a doubled last letter
    assert reading.syllables("xd kh") == ["xay", "dung", "khong"]
    assert reading.syllables("sowr tttt voiws") == [
        "so",
        "thong",
        "tin",
        "va",
        "truyen",
        "thong",
        "voi",
    ]
    assert reading.syllables("lần xxii, KT-XH") == ["lan", "xxii", "kinh", "te", "xa", "hoi"]


def test_other_ways_of_saying_it_are_said_the_knowledge_bases_way() -> None:
    assert reading.syllables("khẩu hiệu năm nay") == ["chu", "de", "nam", "nay"]
    assert reading.syllables("ai khen ngợi người tốt việc tốt") == reading.syllables(
        "ai biểu dương người tốt việc tốt"
    )
    assert reading.syllables("bắt tay với Mặt trận") == ["phoi", "hop", "voi", "mat", "tran"]
    assert reading.syllables("What is the slogan? Who signed it?", "en") == reading.syllables(
        "What is the theme? Who issued it?", "en"
    )


def test_the_words_that_only_ask_are_not_what_an_answer_must_hold() -> None:
    words = reading.syllables("mỗi đơn vị đăng ký bao nhiêu chỉ tiêu, hạn khi nào")
    assert "bao" not in sought.unasked(words) and "nao" not in sought.unasked(words)
    assert sought.focus(reading.syllables("Mức tiền thưởng cho Chiến sĩ là bao nhiêu")) == ["tien"]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Ban Tuyên giáo tham gia với vai trò gì?", []),  # "vai trò" only classifies
        ("Sở Nội vụ có nhiệm vụ gì?", []),
        ("Mức tiền thưởng cho Chiến sĩ thi đua là bao nhiêu?", ["tien"]),
        ("Which groups should the movements spread to?", []),
        ("Giám đốc Sở Nội vụ hiện giờ là ai?", ["giam"]),  # a person's name: not in the text
        ("Người đứng ra ký chỉ thị là ai?", ["ki"]),
        ("ai ký chỉ thị", []),
        ("Who received the emulation flag for 2024?", ["receiv"]),  # what they did
        ("Theo chỉ thị thì mức thưởng năm 2024 là bao nhiêu?", ["thuong"]),  # a lead-in aside
        ("Who else should the media praise?", []),  # "who should …": not the subject
        ("Tỉnh bảo vệ cán bộ có phẩm chất như thế nào?", []),  # "phẩm chất" only classifies
    ],
)
def test_a_kind_of_thing_asked_for_is_not_what_is_asked(text: str, asked: list[str]) -> None:
    assert sought.focus(reading.syllables(text, reading.language(text))) == asked


def test_the_knowledge_bases_own_words_are_left_as_they_are() -> None:
    for lang, table in reading.tables().paraphrases.items():
        for said in table.values():
            assert reading._paraphrased(list(said), lang) == said, (lang, said)
    assert reading.syllables("Đài Phát thanh - Truyền hình") == reading.syllables(
        "đài truyền hình"
    )
    assert reading.syllables("điển hình tiên tiến") == ["dien", "hinh", "tien", "tien"]


def test_ky_and_ki_are_one_spelling_and_english_function_words_are_stemmed_too() -> None:
    from handlers.knowledge import spelling, stop_words

    assert spelling("kí") == spelling("ký") and spelling("ky") is None
    assert reading.stem("please") in stop_words() and reading.stem("mentioned") in stop_words()


@pytest.mark.parametrize(
    ("text", "asking_to_do"),
    [
        ("Nộp giúp em bản giao ước của Quế Sơn luôn đi, sếp duyệt rồi.", True),
        ("Please submit our pledge for me", True),
        ("chủ đề là gì giúp em", False),  # a question, asked politely
        ("thi đua", False),
    ],
)
def test_a_request_to_do_something_is_told_from_a_question(text: str, asking_to_do: bool) -> None:
    assert clauses.requests(text) is asking_to_do


def test_central_vietnamese_question_words_close_a_clause() -> None:
    assert reading.syllables("Chủ tịch tỉnh tên là chi rứa?")[-2:] == ["la", "gi"]
    assert reading.syllables("chi tieu là gì")[:2] == ["chi", "tieu"]  # "chỉ tiêu" typed bare
    assert reading.syllables("đăng ký ở mô")[-1] == "nao"


def test_a_choice_offered_is_what_an_answer_must_hold_one_of() -> None:
    said = reading.syllables("Báo cáo định kỳ theo tháng hay theo quý?")
    assert sought.either(said) == {"thang", "quy"}
    assert sought.either(reading.syllables("Có phải đăng ký hay không?")) == set()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hanchot dangky giaouoc", ["han", "chot", "dang", "ki", "giao", "uoc"]),
        ("chithi nam2024", ["chi", "thi", "nam", "2024"]),
        ("thiduayeunuoc", ["thi", "dua", "yeu", "nuoc"]),
        ("dang ky online", ["dang", "ki", "cong", "thong", "tin", "dien", "tu"]),  # English
        ("deadline", ["deadline"]),
    ],
)
def test_syllables_typed_together_are_read_apart(typed: str, read: list[str]) -> None:
    assert reading.syllables(typed) == read


@pytest.mark.parametrize(
    ("asked", "split"),
    [
        (
            "Sở Nội vụ được giao việc gì, còn Sở Thông tin và Truyền thông được giao việc gì?",
            ["Sở Nội vụ được giao việc gì", "Sở Thông tin và Truyền thông được giao việc gì"],
        ),
        (
            "Ai ký Chỉ thị và Nghị định 73 ban hành ngày nào?",  # two documents, not one name
            ["Ai ký Chỉ thị", "Nghị định 73 ban hành ngày nào"],
        ),
        (
            "Hạn chót khi nào? Quá hạn rồi muốn sửa thì nhờ ai mở lại?",
            ["Hạn chót khi nào", "Quá hạn rồi muốn sửa thì nhờ ai mở lại"],
        ),
        ("Chỉ thị số mấy? Cảm ơn.", ["Chỉ thị số mấy? Cảm ơn."]),
        (
            "When is the report due? November, isn't it?",
            ["When is the report due? November, isn't it?"],
        ),
    ],
)
def test_a_question_is_split_between_its_questions_only(asked: str, split: list[str]) -> None:
    assert clauses.parts(asked) == split
