"""A last check before an answer is given with its source: whether the question reads more like
one about something else (another year, another body, an order, the day's life) than like the
questions leaders ask about the campaign.

The check is a logistic regression over the question's words, word pairs and how well the
knowledge base's best entry holds it. It is learned from the development questions by
`bench/train_off_topic.py` and kept as data in `locales/off_topic.json`, for one campaign: a
campaign it was not learned for is never checked. With no model file nothing is checked.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handlers.entries import Match, Question

MODEL = Path(__file__).resolve().parent.parent / "locales" / "off_topic.json"
BUCKETS = 5  # the share of the question the best entry holds, in fifths


def features(question: Question, best: Match | None) -> list[str]:
    """The question's words and word pairs, its language, and how much of it the best entry
    holds and which entry that is ("COV3", "STRICT2", "ENTRY_p:chu_de")."""
    told = [f"LANG_{question.language}"]
    if best is None:
        told.append("NOMATCH")
    else:
        held = (min(BUCKETS - 1, int(share * BUCKETS)) for share in (best.coverage, best.strict))
        coverage, strict = held
        told += [f"COV{coverage}", f"STRICT{strict}", f"ENTRY_{best.entry.key}"]
    said = [*question.words, *told]
    return said + [f"{a} {b}" for a, b in itertools.pairwise(said)]


def fingerprint(questions: Iterable[tuple[str, bool]]) -> str:
    """What a model was learned from: the questions and whether each is off-topic, in any
    order. A model whose fingerprint is not the development set's is out of date."""
    lines = sorted(f"{int(off)}\t{text}" for text, off in questions)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Model:
    campaign: str
    terms: dict[str, tuple[float, float]]  # term: (its idf, its weight)
    intercept: float
    threshold: float  # the probability above which a question is taken as off-topic
    learned_from: str = ""  # the fingerprint of the questions it was learned from

    def probability(self, tokens: list[str]) -> float:
        """As the learning saw it: sublinear term counts times idf, normalised to length 1."""
        counts = Counter(t for t in tokens if t in self.terms)
        values = {t: (1.0 + math.log(n)) * self.terms[t][0] for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        z = self.intercept + sum(v * self.terms[t][1] for t, v in values.items()) / norm
        return 1.0 / (1.0 + math.exp(-z))


@functools.cache
def model(path: Path = MODEL) -> Model | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    terms = {term: (float(idf), float(weight)) for term, idf, weight in data["terms"]}
    return Model(
        data["campaign"],
        terms,
        float(data["intercept"]),
        float(data["threshold"]),
        str(data.get("learned_from", "")),
    )


def likely(question: Question, best: Match | None, campaign: str) -> bool:
    """Whether a question of this campaign is more likely off-topic than the threshold allows."""
    learned = model()
    if learned is None or learned.campaign != campaign or not question.words:
        return False
    return learned.probability(features(question, best)) > learned.threshold
