"""English words as a question reads them: without their common endings, "not" spelt out."""

from __future__ import annotations

import re

AMERICAN = re.compile(r"(?<=\w{3})iz(e|ed|es|ing|ation|ations)$")  # not "size", "prize"
NEGATION = re.compile("(\\w+)n['\u2019]t\\b", re.IGNORECASE)  # "haven't", "can't"
STEMS_OF_NOT = {"ca": "can", "wo": "will", "sha": "shall"}  # "can't", "won't", "shan't"
DOUBLED = "bdgmnprt"  # a final consonant doubled before -ing or -ed ("stepp", "plann")
PLURAL_ES = ("ses", "xes", "zes", "ches", "shes")  # "boxes": the plural adds -es


def negated(match: re.Match[str]) -> str:
    return f"{STEMS_OF_NOT.get(match[1].lower(), match[1])} not"


def stem(word: str) -> str:
    """An English word without its common endings: "pledges", "pledge" and "pledged" are one,
    as are "resolutions" and "resolution"."""
    if len(word) <= 4 or word.isdigit():
        return word
    word = AMERICAN.sub(r"is\1", word)  # "organization" is "organisation"
    if word.endswith(("ies", "ied")):  # "carried" is "carrying" is "carry"
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 6:
        word = word[:-3]
    elif (word.endswith("ed") and len(word) > 5) or word.endswith(PLURAL_ES):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] in DOUBLED:
        word = word[:-1]  # "stepping", "planned": the doubled final consonant
    return word[:-1] if word.endswith("e") and len(word) > 5 else word
