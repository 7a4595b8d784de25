"""Reading a question as people type it on phones: its language, its words with abbreviations
spelt out and telex leftovers undone, the years and places it names, and its parts when it asks
two things at once. The word tables are data, in locales/reading.yaml."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handlers.english import NEGATION, negated, stem
from handlers.text import fold

TABLES = Path(__file__).resolve().parents[1] / "locales" / "reading.yaml"
# telex's doubled and w-marked letters, each read as its first: "dd" is "d", "ow" is "o"
TELEX_PAIRS = tuple((pair, pair[0]) for pair in ("dd", "aa", "ee", "oo", "aw", "ow", "uw"))
WORD = re.compile(r"[a-z0-9]+")
MARKED_WORD = re.compile(r"[^\W_]+")  # a word as typed, with its marks
REPEATS = re.compile(r"([a-z])\1{2,}")  # "giiii" -> "gi": no Vietnamese syllable triples one
NUMERAL = re.compile(r"[ivxlc]+").fullmatch  # "xxii": a Roman numeral, whose "ii" is its own
DAUU = re.compile(r".*[aeiouy]uu$").match  # "đâuu", "sauu": a vowel before "uu", unlike "lưu"
# A Vietnamese syllable's shape, folded; most English words have another ("which", not "the")
SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?"
)
CODE = re.compile(r"[0-9/]|^[A-ZĐ-]{2,}[.,?]?$")  # a document's number or an acronym
CLAUSE = re.compile(r"[,;.!?]")
GLUED_NUMBER = re.compile(r"([a-z]{2,})([0-9]{2,4})")  # "nam2024", "ct01"
VIETNAMESE_LETTERS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]"
)


@dataclass(frozen=True, slots=True)
class Tables:
    abbreviations: dict[str, list[str]]
    function_words: frozenset[str]
    english: frozenset[str]
    places: tuple[tuple[str, str], ...]  # (" da nang ", "Đà Nẵng")
    other_times: tuple[tuple[str, str], ...]  # (" nam ngoai ", "năm ngoái")
    question_words: tuple[str, ...]
    classifiers: frozenset[str]
    date_words: frozenset[str]
    command_words: frozenset[str]  # "lệnh gì", "what command": a command answers them
    asking: dict[str, list[str]]  # the words that ask for the campaign's data, as written
    fillers: frozenset[str]  # words with their marks that say nothing ("chị", "hỏi", "nhỉ")
    kept_before: frozenset[str]  # but before these: "lỡ hạn", "nhắc trước hạn"
    vocatives: dict[str, frozenset[str]]  # a last word calling the bot, after these: "ko bn"
    may_i_ask: tuple[str, ...]  # " cho em ": a bare "hoi" after it is "hỏi"
    dialect: dict[str, str]  # as typed in a question with marks: "chi" is "gì", "mô" "nào"
    dialect_anywhere: dict[str, str]  # the same wherever in the clause: "mần" is "làm"
    tellers: dict[str, frozenset[str]]  # how a clause of the asker's circumstances begins
    asking_for: tuple[str, ...]  # a clause asking without a question word: " cho em xin "
    asking_marked: tuple[str, ...]  # the same with their marks: " nhờ ", not " nhớ "
    compose: tuple[str, ...]  # asking the bot to write something: " viet giup "
    beyond: tuple[str, ...]  # what the directive never tells of: " hoi nghi ", " dia chi "
    missed: tuple[str, ...]  # a missed deadline, never part of one of those: " qua han "
    opinion: tuple[str, ...]  # an opinion asked for: " theo ban "
    steering: tuple[str, ...]  # an attempt to change how the bot answers: " dong vai "
    steering_tags: frozenset[str]  # a role claimed in brackets: "[SYSTEM]" is "system"
    paraphrases: dict[str, dict[tuple[str, ...], list[str]]]  # by language: words -> KB's
    spoken_numbers: dict[str, dict[str, Any]]  # by language, as written: read by spoken.py
    spelt: dict[str, str]  # a phrase written with its marks, as looked for: " so do ": " sơ đồ "


@functools.cache
def tables() -> Tables:
    data = yaml.safe_load(TABLES.read_text(encoding="utf-8"))
    stop = " ".join(data["function_words"].values()).split()
    stop += [stem(w) for w in data["function_words"]["en"].split()]  # "please" is read "pleas"
    return Tables(
        abbreviations={
            fold(k): [one_i(w) for w in fold(v).split()] for k, v in data["abbreviations"].items()
        },
        function_words=frozenset(stop),
        english=frozenset(data["english"]),
        places=tuple(  # a name, or a phrase and the name it stands for ("cả nước")
            (f" {' '.join(syllables_of(p))} ", name)
            for item in data["places"]
            for p, name in (item.items() if isinstance(item, dict) else [(item, item)])
        ),
        other_times=tuple((f" {' '.join(syllables_of(p))} ", p) for p in data["other_times"]),
        question_words=tuple(f" {fold(w)} " for w in data["question_words"]),
        classifiers=frozenset(fold(w) for w in data["classifiers"]),
        date_words=frozenset(fold(w) for w in data["date_words"]),
        command_words=frozenset(stem(fold(w)) for w in data["command_words"]),
        asking=data["asking"],
        fillers=frozenset(_marked(w) for w in data["fillers"]),
        kept_before=frozenset(_marked(w) for w in data["kept_before"]),
        vocatives={k: frozenset(v) for k, v in data["vocatives"].items()},
        may_i_ask=tuple(f" {p} " for p in data["may_i_ask"]),
        dialect={_marked(k): _marked(v) for k, v in data["dialect"]["closing"].items()},
        dialect_anywhere={_marked(k): _marked(v) for k, v in data["dialect"]["anywhere"].items()},
        tellers={lang: frozenset(map(_marked, data["tellers"][lang])) for lang in ("vi", "en")},
        asking_for=_phrases(data["tellers"]["asking"]),
        asking_marked=tuple(f" {_marked(p)} " for p in data["tellers"]["asking"]),
        compose=_phrases(data["asking"]["compose"]),
        steering=_phrases(data["asking"]["steering"]),
        steering_tags=frozenset(
            " ".join(syllables_of(t)) for t in data["asking"]["steering_tags"]
        ),
        beyond=_phrases(data["asking"]["event"]),
        missed=_phrases(data["asking"]["past"]),
        opinion=_phrases(data["asking"]["opinion"]),
        paraphrases={
            lang: {  # each way of saying it, and the knowledge base's own (kept as it is)
                tuple(_spelt(key, lang)): _spelt(value, lang)
                for value, keys in table.items()
                for key in (*keys, value)
            }
            for lang, table in data["paraphrases"].items()
        },
        spoken_numbers=data["spoken_numbers"],
        spelt={
            f" {' '.join(syllables_of(p))} ": f" {_marked(p)} "
            for p in data["asking"]["event"]
            + data["asking"]["personal"]
            + data["asking"]["opinion"]
            + data["other_times"]
            if VIETNAMESE_LETTERS.search(_marked(p))
        },
    )


@functools.cache
def number_words() -> str:
    """The words for one to nine, as read ("mot|hai|…|one|two|…"), to look for counts; not
    those folding to other words ("năm" is a year, "sáu" reads "sau", "bảy" "bây")."""
    digits = [w for lang in ("vi", "en") for w in tables().spoken_numbers[lang]["digits"]]
    folded = {" ".join(syllables_of(w)) for w in digits}
    return "|".join(sorted(folded - set(tables().asking["not_counts"])))


def as_typed(phrase: str, text: str) -> bool:
    """Whether a phrase a table writes with its marks ("sơ đồ") is in a text typed with marks
    as spelt there ("Mấy sở đó" is not); in a text typed bare, it is wherever it folds to."""
    if (marked := tables().spelt.get(phrase)) is None:
        return True
    typed = unicodedata.normalize("NFC", text).lower()
    if not VIETNAMESE_LETTERS.search(typed):
        return True
    return marked in f" {' '.join(MARKED_WORD.findall(typed))} "


@functools.cache
def called_after(word: str) -> frozenset[str]:
    """The words after which `word` closing a message calls the bot ("ko bn": "bạn"), as read
    and as typed short ("k", "dc")."""
    after = tables().vocatives.get(word, frozenset())
    return after | {k for k, spelt in tables().abbreviations.items() if " ".join(spelt) in after}


def _phrases(phrases: list[str]) -> tuple[str, ...]:
    """A table's phrases as a question is said, to look for: " cho em xin "."""
    return tuple(f" {' '.join(syllables_of(p))} " for p in phrases)


@functools.lru_cache(maxsize=16384)
def _folded(token: str) -> tuple[str, ...]:
    """A typed token's words, folded: "ký" -> ("ky",), "01/CT-UBND" -> ("01", "ct", "ubnd")."""
    return tuple(WORD.findall(fold(token)))


@functools.cache
def _marked(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


def _spelt(phrase: str, lang: str) -> list[str]:
    """A table's phrase as a question reads it (without the tables, which are being read)."""
    found = WORD.findall(fold(phrase))
    return [stem(w) for w in found] if lang == "en" else [one_i(w) for w in found]


@functools.lru_cache(maxsize=8192)  # each clause of a message is asked it again and again
def language(text: str) -> str:
    """'en' for a question written in English, 'vi' for any other. English needs two of its
    common words and a share of words no Vietnamese syllable is shaped like, or, tersely
    ("signing date?"), two such words and none Vietnamese; a Vietnamese letter, or
    "cac don vi to chuc the nao" (all syllables), means Vietnamese."""
    plain = " ".join(w for w in text.split() if not CODE.search(w))  # not "658/QĐ-UBND"
    common = [w for w in plain.split() if not w[:1].isupper()]  # "Quế Sơn" is a name
    if VIETNAMESE_LETTERS.search(" ".join(common if len(common) >= 3 else plain).lower()):
        return "vi"
    words = [w for w in WORD.findall(text.lower()) if not w.isdigit()]
    if not words:
        return "vi"
    english = sum(w in tables().english for w in words)
    foreign = sum(SYLLABLE.fullmatch(w) is None for w in words)
    if english >= 2 and foreign / len(words) >= 0.3:
        return "en"
    names = {
        w.lower() for w in WORD.findall(fold(" ".join(t for t in text.split() if t[:1].isupper())))
    }
    native = sum(  # "Who signed Quang Nam's directive?": a name is in either language
        SYLLABLE.fullmatch(w) is not None and w not in tables().english and w not in names
        for w in words
    )
    shorthand = sum(  # "ubnd qnam" is Vietnamese shorthand, not English
        SYLLABLE.fullmatch(w) is None and w in tables().abbreviations for w in words
    )
    foreign -= shorthand  # "signing date?"; "directive 01 signed on what date" ("on": "ôn")
    lone = foreign >= 3 and native <= 1 and english >= 1  # not "deadline nop file online"
    return "en" if (foreign >= 2 and not native) or lone else "vi"


def syllables(text: str, lang: str = "vi", *, idle: bool = False) -> list[str]:
    """'Chir thij 01/CT-UBND k dc' -> ['chi', 'thi', '01', 'ct', 'ubnd', 'khong', 'duoc'].
    English words are kept as they are: 'does' has no telex tone to undo. The words that say
    nothing ("chị", "hả") are left out, or kept with `idle`."""
    return list(_syllables(text, lang, idle))


@functools.lru_cache(maxsize=8192)  # one message is read this way by several parts
def _syllables(text: str, lang: str, idle: bool) -> tuple[str, ...]:
    if lang == "en":
        text = NEGATION.sub(negated, text)  # "haven't" is "have not"
        return tuple(_paraphrased([stem(w) for w in WORD.findall(fold(text))], lang))
    words: list[str] = []
    abbreviations, stop = tables().abbreviations, tables().function_words
    fillers = frozenset() if idle else tables().fillers
    typed = unicodedata.normalize("NFC", text).lower()
    marked = _dialect(typed) if VIETNAMESE_LETTERS.search(typed) else MARKED_WORD.findall(typed)
    kept = [  # "lỡ hạn", "nhắc trước" keep theirs; "cho em hoi" drops its "hoi" ("hỏi")
        (t not in fillers or bool(set(marked[n + 1 : n + 2]) & tables().kept_before))
        and not (t == "hoi" and _may_i_ask(marked[:n]))
        for n, t in enumerate(marked)
    ]
    found = [w for n, token in enumerate(marked) if kept[n] for w in _folded(token)]
    for n, word in enumerate(found):
        if n + 1 == len(found) and words[-1:] and words[-1] in called_after(word):
            continue  # "sửa dc ko bn": "bạn", not "bao nhiêu"
        if (spelt := abbreviations.get(word)) is not None:  # "tttt" first, then "gìiii"
            words.extend(spelt)
            continue
        word = REPEATS.sub(r"\1", word)
        if len(word) > 2 and word[-1] == word[-2] and (word[-1] not in "aeodivxu" or DAUU(word)):
            word = word[:-1]  # "namm", "nayy", "đâuu": no syllable ends so ("lưu", "xxii" do)
        elif len(word) > 2 and word.endswith("ii") and not NUMERAL(word):
            word = word[:-1]  # "gìi", "khii": a Roman numeral ends so ("XXII"), no syllable
        if (spelt := abbreviations.get(word)) is not None:
            words.extend(spelt)
            continue
        if word in stop:
            words.append(word)
            continue
        for telex, plain in TELEX_PAIRS:
            word = word.replace(telex, plain)
        if len(word) > 1 and word[-1] in "sfrxj" and not word.isdigit():
            word = word[:-1]  # a tone typed in telex: no Vietnamese syllable ends so
        if "w" in word[1:] and not word.isdigit():
            word = word[0] + word[1:].replace("w", "")  # "voiws": telex's ơ left where it is
        parts = _unglued(word)  # "ct01" is "ct 01", its "ct" spelt out as alone
        spell = abbreviations if len(parts) > 1 else {}
        words.extend(w for part in parts for w in spell.get(part, [one_i(part)]))
    return tuple(_paraphrased(words, lang))


def _may_i_ask(before: list[str]) -> bool:
    """Whether a bare "hoi" follows "cho em", "xin": "cho em hỏi", not "cho Hội đồng"."""
    said = f" {' '.join(before[-3:])} "
    opening = [w for w in before if w not in tables().fillers and w != "oi"] == ["cho"]
    return opening or any(said.endswith(p) for p in tables().may_i_ask)


@functools.lru_cache(maxsize=4096)
def _unglued(word: str) -> tuple[str, ...]:
    """Syllables typed together, each a common one ("chithi", "nam2024"); not English."""
    if (glued := GLUED_NUMBER.fullmatch(word)) is not None:
        return glued.groups()
    if len(word) < 5 or not word.isalpha() or SYLLABLE.fullmatch(word):
        return (word,)
    if stem(word) in frequencies("en"):
        return (word,)
    common = frequencies("vi")
    best: tuple[str, ...] = (word,)
    most = (-len(word), 0.0)  # the fewest syllables, then the commonest
    for cut in range(1, len(word)):
        head, rest = word[:cut], word[cut:]
        if not (SYLLABLE.fullmatch(head) and head in common):
            continue
        tail = (rest,) if SYLLABLE.fullmatch(rest) else _unglued(rest)
        if all(SYLLABLE.fullmatch(t) and t in common for t in tail):
            split: tuple[str, ...] = (head, *tail)
            if (score := (-len(split), min(common[w] for w in split))) > most:
                best, most = split, score
    return best


@functools.cache
def _longest(lang: str) -> int:
    return max(map(len, tables().paraphrases[lang]))


def _dialect(text: str) -> list[str]:
    """Words as typed, a clause's last Central Vietnamese question word said the common way
    ("tên là chi rứa?": "gì"); "chi" elsewhere stays "chỉ" typed bare ("chi tieu la gì")."""
    words: list[str] = []
    for clause in CLAUSE.split(text):
        tokens = MARKED_WORD.findall(clause)
        said = [n for n, t in enumerate(tokens) if t not in tables().fillers]
        while said and (last := tokens[said[-1]]) in tables().dialect:  # "chi rứa": both
            tokens[said.pop()] = tables().dialect[last]
        words += [tables().dialect_anywhere.get(t, t) for t in tokens]  # "mần": "làm"
    return words


def _paraphrased(words: list[str], lang: str) -> list[str]:
    """Other ways of saying what the knowledge base says, said its way ("khẩu hiệu" is its
    "chủ đề", "slogan" its "theme"): the longest phrase at each word."""
    table = tables().paraphrases.get(lang)
    if not table:
        return words
    out: list[str] = []
    n = 0
    while n < len(words):
        for size in range(_longest(lang), 0, -1):  # the knowledge base's own words stay
            if (said := table.get(tuple(words[n : n + size]))) is not None:
                out.extend(said)
                n += size
                break
        else:
            out.append(words[n])
            n += 1
    return out


@functools.cache
def frequencies(lang: str) -> dict[str, float]:
    """How common each word is at large (Zipf: 7 for "là"), by wordfreq, keyed as words read."""
    from wordfreq import get_frequency_dict, iter_wordlist  # its lists load on first use

    shares: dict[str, float] = get_frequency_dict(lang)
    table: dict[str, float] = {}
    for word in iter_wordlist(lang):  # the most common first
        if (share := shares[word]) < 1e-6:  # Zipf under 3: rare enough to count in full
            break
        key = stem(word) if lang == "en" else fold(word)
        table[key] = max(table.get(key, 0.0), math.log10(share) + 9)
    return table


@functools.lru_cache(maxsize=8192)
def salience_as_typed(word: str) -> float:
    """A Vietnamese word's salience with its marks ("cờ" is rarer than "co", which "có" is)."""
    from wordfreq import zipf_frequency

    return _telling(zipf_frequency(word, "vi"))


def salience(word: str, lang: str) -> float:
    """How much a word tells about a question: 1 if rare, down to 0.15 ("muốn", "kiểu")."""
    return _telling(frequencies("en" if lang == "en" else "vi").get(word, 0.0))


def _telling(zipf: float) -> float:
    """Salience from a word's Zipf frequency: 1 under 3, 0.15 from 6.4 up."""
    return min(1.0, max(0.15, (7.0 - zipf) / 4.0))


def one_i(word: str) -> str:
    """ "ký" and "kí", "lý" and "lí" are one word: a final y after a consonant reads as i."""
    if len(word) > 1 and word[-1] == "y" and word[-2] not in "aeiouy":
        return word[:-1] + "i"
    return word


@functools.lru_cache(maxsize=8192)  # an entry's text is asked it for each question
def syllables_of(text: str) -> tuple[str, ...]:
    """A table's entry as words, folded (without the tables, which are being read)."""
    return tuple(one_i(w) for w in WORD.findall(fold(text)))


# What a greeting alone says, as said: answered with what the bot does and the next step.
GREETINGS = frozenset({"xin chao", "chao", "chao ban", "hello", "hi", "alo", "chao bot", "hey"})


def greets(text: str) -> bool:
    """Whether a message is a greeting alone ("Xin chào!", "chào bot", "hello")."""
    return " ".join(syllables(text, idle=True)) in GREETINGS


def asks(text: str, *, strict: bool = False) -> bool:
    """Whether a piece of text reads as a question of its own (it has a question word).
    `strict`, where an answer is a number or an option: "không" (0) and "máy" ("số máy bàn")
    are answers, and a question has three words at least."""
    words = syllables(text, language(text))
    if strict and len(words) < 3:
        return False
    said = f" {' '.join(words)} "
    loose = (" khong ", " may ") if strict else ()
    return any(w in said for w in tables().question_words if w not in loose)
