"""Learn which verbs attribute a position (``crosswire.analyze.stance``) from PolNeAR's train split.

Every verb of the train articles that ``find_quotes`` would ask the model about (not a verb of speech,
outside direct quotes, with a subject: ``quotes.position_candidates``) is an example; it is positive
when it lies inside the cue of a gold attribution ("refused", "backed", "wants"). A logistic regression
(scikit-learn, L2, C=1) over ``stance.features`` of at least three train verbs each learns the weights; its threshold is the one that
maximises cue F1 in five-fold cross-validation over train articles (scored as ``stance.probability``
scores, so a verb whose lemma the model weighs against a cue is never one), fixed by this rule before
dev is scored. Nothing of dev or of any held-out split is read.

    python -m eval.stance_cues --data ../shared/data          # writes the model
    python -m eval.stance_cues --data ../shared/data --check  # exits 1 if the shipped model differs

The model goes to ``src/crosswire/analyze/stance_cues.json`` (weights rounded to 3 decimals, those under
0.001 dropped). About three minutes on one core: 840 articles through the spaCy model.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence

import numpy as np

from eval import data as gold
from eval.common import ROOT, learner_args, write_or_check
from eval.metrics import prf

OUT = ROOT / "src" / "crosswire" / "analyze" / "stance_cues.json"
C = 1.0
MIN_EXAMPLES = 3  # a feature of fewer train verbs than this is dropped: too rare to weigh
FOLDS = 5
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(11))  # 0.20 ... 0.70
DIGITS = 3


def examples(docs: Sequence[gold.QuoteDoc]) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """Feature names, label and article number of every candidate verb of ``docs``."""
    from crosswire.analyze import quotes, stance
    from crosswire.analyze.nlp import load_pipeline

    nlp = load_pipeline()
    rows: list[list[str]] = []
    labels: list[bool] = []
    article: list[int] = []
    for k, (doc, parsed) in enumerate(zip(docs, nlp.pipe((d.text for d in docs), batch_size=16))):
        cues = [span for a in doc.attributions for span in a.cue or ()]
        for tok, subject in quotes.position_candidates(parsed):
            rows.append(list(stance.features(tok, subject)))
            labels.append(any(s <= tok.idx < e for s, e in cues))
            article.append(k)
    return rows, np.array(labels), np.array(article)


def _fit(rows: list[list[str]], labels: np.ndarray) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for r in rows for name in r)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{n: 1 for n in r if counts[n] >= MIN_EXAMPLES} for r in rows])
    # the "bias" feature is the intercept, so sklearn's own is off and every weight is in one table
    model = LogisticRegression(C=C, max_iter=5000, fit_intercept=False).fit(matrix, labels)
    return dict(zip(vectorizer.get_feature_names_out(), model.coef_[0]))


def _probabilities(weights: dict[str, float], rows: list[list[str]]) -> np.ndarray:
    from crosswire.analyze.stance import probability

    return np.array([probability(weights, r) for r in rows])


def threshold(rows: list[list[str]], labels: np.ndarray, article: np.ndarray) -> tuple[float, dict]:
    """The threshold with the best cue F1 over ``FOLDS`` article folds, and each threshold's P/R/F1."""
    probs = np.zeros(len(labels))
    for fold in range(FOLDS):
        held = article % FOLDS == fold
        weights = _fit([r for r, h in zip(rows, held) if not h], labels[~held])
        probs[held] = _probabilities(weights, [r for r, h in zip(rows, held) if h])
    table = {}
    for t in THRESHOLDS:
        chosen = probs >= t
        scores = prf(int((chosen & labels).sum()), int(chosen.sum()), int(labels.sum()))
        table[t] = (scores["precision"], scores["recall"], scores["f1"])
    return max(table, key=lambda t: table[t][2]), table


def main(argv: Sequence[str] | None = None) -> int:
    args = learner_args("eval.stance_cues", __doc__, "model", gold.POLNEAR / "train", argv)
    rows, labels, article = examples(gold.load_polnear(args.data, "train"))
    print(f"{len(labels)} candidate verbs in {article.max() + 1} train articles, {int(labels.sum())} of them cues")
    best, table = threshold(rows, labels, article)
    for t, (p, r, f) in table.items():
        print(f"threshold {t:.2f}: cue P {p:.3f} R {r:.3f} F1 {f:.3f}{'  <- chosen' if t == best else ''}")
    weights = {name: round(float(w), DIGITS) for name, w in sorted(_fit(rows, labels).items())}
    model = {"threshold": best, "weights": {n: w for n, w in weights.items() if w}}
    text = json.dumps(model, indent=0, sort_keys=True) + "\n"
    print(f"{len(model['weights'])} weights, {len(text.encode()) / 1000:.0f} kB")
    return write_or_check(OUT, text, check=args.check, what="model")


if __name__ == "__main__":
    sys.exit(main())
