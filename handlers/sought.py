"""What a question asks for, beside the words that only ask: the words an answer must hold
("tiền" in "bao nhiêu tiền"), the choice it offers ("theo tháng hay theo quý"), and its words
without the phrases that only ask ("bao nhiêu", "như thế nào")."""

from __future__ import annotations

from handlers.reading import salience, tables

TELLING = 0.2  # how rare a word must be to name what a question is about
PLACED = {("gi", "tinh"), ("gi", "huyen")}  # closing a body's name: "Hội đồng … tỉnh"


def focus(words: list[str]) -> list[str]:
    """The words a question asks about, beside its question words: "tiền" in "bao nhiêu
    tiền", "tên" in "tên là gì", "khóa" in "khóa mấy": an answer that lacks them does not
    answer it. A word that only classifies ("bên nào", "cái gì", "vai trò gì") asks about
    nothing."""
    stop, kinds = tables().function_words, tables().classifiers
    kind = [w in kinds and w not in stop for w in words]
    for n in range(len(words) - 1):  # "nhiệm vụ gì": a classifier of two words
        if f"{words[n]} {words[n + 1]}" in kinds:
            kind[n] = kind[n + 1] = True
    said = [n for n, w in enumerate(words) if kind[n] or w not in stop]  # "là", "của" aside
    found = []
    for n, word in enumerate(words):
        before = [k for k in said if k < n][-1:]
        if " ".join(words[n : n + 2]) == "bao nhieu" or word in ("how", "which", "what"):
            # "which provincial newspaper": the newspaper
            skipped = ("nhieu", "many", "much", *tables().asking["modifiers"])
            after = [k for k in said if k > n and words[k] not in skipped][:1]
            if not after and word != "how":  # "mức tiền thưởng … (là) bao nhiêu": the subject,
                # its first telling word ("theo chỉ thị thì …" only leads up to it)
                subject = [k for k in said if not kind[k] and k < n]
                telling = [k for k in subject if salience(words[k], "vi") >= TELLING]
                before = (telling or subject)[:1]
            found += [words[k] for k in after or before if not kind[k]]
        elif word == "biet" and n and words[n - 1] == "cho":  # "cho biết chủ đề …": the theme
            found += [words[k] for k in said if k > n and not kind[k]][:1]
        elif word == "ai" and n and words[n - 1] == "la":  # "giám đốc Sở … là ai"
            found += [words[k] for k in said if not kind[k] and k < n][:1]
        elif word == "who" and n + 1 < len(words) and n + 1 in said:
            found.append(words[n + 1])  # "who received …": what they did, not "who should …"
        elif word == "who" and words[n + 1 : n + 2] in (["is"], ["was"], ["are"]):
            after = [k for k in said if k > n][:1]  # "who is the editor of …": an editor
            found += [words[k] for k in after if not kind[k]]
        elif word == "may" and n + 1 in said and not kind[n + 1] and n - 1 not in said:
            found.append(words[n + 1])  # "là mấy tỷ đồng" counts; "khóa mấy", "ngày mấy" ask which
        elif word == "gi" and words[n - 1 : n] == ["la"] and not _telling_at(words, before):
            # "email của Sở Nội vụ Quảng Nam là gì": the subject's head, not "Nam"
            subject = [k for k in said if not kind[k] and k < n]
            found += [words[k] for k in subject if salience(words[k], "vi") >= TELLING][:1]
        elif word in ("gi", "nao", "may"):  # "… Khen thưởng tỉnh là gì": not the province
            found += [words[k] for k in before if not kind[k] and (word, words[k]) not in PLACED]
    return found


def _telling_at(words: list[str], at: list[int]) -> bool:
    return any(salience(words[k], "vi") >= TELLING for k in at)


def either(words: list[str]) -> frozenset[str]:
    """The words of the choice a question offers ("theo tháng hay theo quý": "thang", "quy";
    "chung chung hay chia theo chủ đề": "chung", "chia", "chu", "de"), one of which the
    answer must hold: the word before "hay" and those after it; none for "… hay không"."""
    stop = tables().function_words
    for n, word in enumerate(words):
        if word != "hay" or not 0 < n < len(words) - 1 or words[n + 1] in ("khong", "chua"):
            continue
        before = [w for w in words[:n] if w not in stop][-1:]
        after = [w for w in words[n + 1 :] if w not in stop and w != "theo"]
        if before and after:
            return frozenset(before + after)
    return frozenset()


def unasked(words: list[str]) -> list[str]:
    """The words without the phrases that only ask ("bao nhiêu", "như thế nào"): not needed."""
    said = f" {' '.join(words)} "
    for phrase in tables().question_words:
        if phrase.count(" ") > 2:  # of two words or more
            said = said.replace(phrase, " ")
    return said.split()
