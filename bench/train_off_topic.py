"""Learn the off-topic check (`handlers/off_topic.py`) from the development questions.

    python bench/train_off_topic.py [--write]   (needs scikit-learn: make off-topic-model)

Every development question (tests/handlers/qa_questions.py and the bench/qa_dev*.yaml files that
bench/qa.py lists) is read with the campaign's knowledge base, as the bot reads it; its class
says whether it is off-topic. A logistic regression over TF-IDF of the features learns which
are. The held-out set is never read here.

Prints JSON: how many questions of each side there are and, measured out of fold (each question
file's questions scored by a model learned without that file, as a new author's questions would
be), how many of each side score above the threshold. With `--write`, the model learned from
all of them is written to locales/off_topic.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qa import ROOT, development_sets

from handlers.campaign import load_campaign
from handlers.knowledge import Knowledge
from handlers.off_topic import MODEL, features, fingerprint

CAMPAIGN = ROOT / "campaigns" / "quang-nam-2024.yaml"
STRENGTH = 4.0  # the inverse of the regularisation (scikit-learn's C)
# Out of fold, 0.9 lets through about 1 in 300 on-topic questions and catches about a third of
# the off-topic questions that a new author's set gets past the other checks
THRESHOLD = 0.9


def questions() -> list[tuple[str, str, bool]]:
    """(file, question, off-topic) for every development question."""
    return [
        (name, case.ask, case.kind == "off_topic")
        for name, cases in development_sets()
        for case in cases
    ]


def learner() -> tuple[TfidfVectorizer, LogisticRegression]:
    def analyzer(tokens: list[str]) -> list[str]:
        return tokens  # the features are made by handlers/off_topic.py, as the bot makes them

    return (
        TfidfVectorizer(analyzer=analyzer, min_df=2, sublinear_tf=True),
        LogisticRegression(C=STRENGTH, max_iter=3000, class_weight="balanced"),
    )


def main() -> dict[str, object]:
    campaign = load_campaign(CAMPAIGN)
    knowledge = Knowledge.build(campaign)
    asked = questions()
    tokens = []
    for _, text, _ in asked:
        read = knowledge.read(text)
        matches = knowledge.search(read)
        tokens.append(features(read, matches[0] if matches else None))
    off = np.array([o for _, _, o in asked])
    files = np.array([f for f, _, _ in asked])
    scored = np.zeros(len(asked))
    for name in sorted(set(files)):
        held = files == name
        learned = [t for t, h in zip(tokens, held, strict=True) if not h]
        scored_here = [t for t, h in zip(tokens, held, strict=True) if h]
        vectorizer, model = learner()
        model.fit(vectorizer.fit_transform(learned), off[~held])
        scored[held] = model.predict_proba(vectorizer.transform(scored_here))[:, 1]
    vectorizer, model = learner()
    model.fit(vectorizer.fit_transform(tokens), off)
    above = scored > THRESHOLD
    figures: dict[str, object] = {
        "benchmark": "the off-topic check, learned from the development questions",
        "questions": len(asked),
        "off_topic": int(off.sum()),
        "threshold": THRESHOLD,
        "out_of_fold": {
            "on_topic_above_threshold": int((above & ~off).sum()),
            "off_topic_above_threshold": int((above & off).sum()),
        },
        "terms": len(vectorizer.vocabulary_),
    }
    if "--write" in sys.argv:
        names = vectorizer.get_feature_names_out()
        weights = model.coef_[0]
        terms = [
            [str(term), round(float(idf), 5), round(float(weight), 5)]
            for term, idf, weight in sorted(zip(names, vectorizer.idf_, weights, strict=True))
        ]
        MODEL.write_text(
            json.dumps(
                {
                    "campaign": campaign.key,
                    "threshold": THRESHOLD,
                    "intercept": round(float(model.intercept_[0]), 5),
                    "learned_from": fingerprint((text, o) for _, text, o in asked),
                    "terms": terms,
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
            + "\n",
            encoding="utf-8",
        )
        figures["written"] = str(MODEL.relative_to(ROOT))
    return figures


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
