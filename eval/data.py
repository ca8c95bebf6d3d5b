"""Loaders for the development gold data in ``../shared/data`` (formats: its README.md).

Each loader returns plain records with offsets into the text exactly as the source gives it, so
the scorers can hand that text to crosswire unchanged and compare spans directly.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from eval.metrics import Span

T = TypeVar("T")

# Seed of every sample drawn with ``--limit``: the same N items on every run and machine.
SAMPLE_SEED = 13

ECBPLUS = Path("clusters/ecbplus.jsonl.gz")
TIMELINE17 = Path("clusters/timeline17.jsonl.gz")
POLNEAR = Path("quotes/polnear")
TEMPEVAL3 = Path("timex/tempeval3")
NEWSQUANT = Path("figures/newsquant.dev.json")
DUC2003 = Path("summaries/duc2003/clusters.jsonl")
HTML_BENCHMARK = Path("html/extraction-benchmark")
CORPUS = Path("corpus/news.jsonl.gz")
MEANTIME = Path("entities/meantime")


def sample(items: Sequence[T], limit: int | None, seed: int = SAMPLE_SEED) -> list[T]:
    """``limit`` items drawn with a fixed seed, kept in their original order (all when None)."""
    if limit is None or limit >= len(items):
        return list(items)
    keep = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[i] for i in keep]


def fingerprint(path: Path) -> str:
    """SHA-256 (first 16 hex digits) over a file, or over a folder's files and relative names."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        digest.update(str(file.relative_to(path.parent if path.is_file() else path)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- stories


@dataclass(frozen=True)
class ClusterDoc:
    id: str
    text: str
    published: dt.date | None
    gold: dict[str, str]  # gold level ("topic", "subtopic") -> cluster label


def load_ecbplus(data_dir: Path) -> list[ClusterDoc]:
    return [ClusterDoc(r["id"], r["text"], None, {"topic": str(r["topic"]), "subtopic": r["subtopic"]})
            for r in _jsonl(data_dir / ECBPLUS)]


def load_timeline17(data_dir: Path) -> list[ClusterDoc]:
    """Timeline17 articles with text (25 source files are empty and say nothing to cluster)."""
    return [ClusterDoc(r["id"], r["text"], _date(r["published"]), {"topic": r["topic"]})
            for r in _jsonl(data_dir / TIMELINE17) if r["text"].strip()]


# --------------------------------------------------------------------------- quotes


@dataclass(frozen=True)
class GoldAttribution:
    content: Span
    source: Span | None  # absent for "Attribution-no-source"
    cue: Span | None


@dataclass(frozen=True)
class QuoteDoc:
    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _brat_span(field: str) -> Span:
    """``"12 40;45 60"`` -> ((12, 40), (45, 60))."""
    return tuple((int(a), int(b)) for a, b in (part.split() for part in field.split(";")))


def parse_brat(ann: str) -> tuple[GoldAttribution, ...]:
    """Attributions of a PolNeAR brat file: each ``E`` event ties a Content to its Source and Cue."""
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = _brat_span(offsets)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for args in events:
        content = spans.get(args.get("Content", ""))
        if content is None:
            continue
        out.append(GoldAttribution(content, spans.get(args.get("Source", "")), spans.get(args.get("Cue", ""))))
    return tuple(sorted(out, key=lambda a: a.content))


def load_polnear(data_dir: Path, split: str = "dev", annotator: int = 0) -> list[QuoteDoc]:
    """One annotation per article: the first annotator's file by name, where there are several (``annotator``:
    the one at that place by name; articles with fewer annotators are left out)."""
    root = data_dir / POLNEAR / split
    docs = []
    for text_path in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(f"{text_path.stem}_*.ann"))
        if len(anns) <= annotator:
            continue
        text = text_path.read_text(encoding="utf-8")
        docs.append(QuoteDoc(text_path.stem, text, parse_brat(anns[annotator].read_text(encoding="utf-8"))))
    return docs


# --------------------------------------------------------------------------- time


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str


@dataclass(frozen=True)
class TimexDoc:
    id: str
    text: str
    dct: dt.date
    timexes: tuple[GoldTimex, ...]


def parse_tml(xml: str, doc_id: str) -> TimexDoc:
    """The plain ``<TEXT>`` of a TimeML file (all tags removed) with its TIMEX3 spans and the DCT."""
    root = ET.fromstring(xml)
    dct_node = root.find("DCT/TIMEX3")
    if dct_node is None:
        raise ValueError(f"{doc_id}: no creation time (DCT/TIMEX3)")
    dct = dt.date.fromisoformat(dct_node.get("value", "")[:10])
    text_node = root.find("TEXT")
    if text_node is None:
        raise ValueError(f"{doc_id}: no <TEXT>")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0  # characters emitted so far

    def emit(chunk: str | None) -> None:
        nonlocal length
        if chunk:
            parts.append(chunk)
            length += len(chunk)

    def walk(node: ET.Element) -> None:
        start = length
        emit(node.text)
        for child in node:
            walk(child)
            emit(child.tail)
        if node.tag == "TIMEX3":
            timexes.append(GoldTimex(start, length, node.get("type", ""), node.get("value", "")))

    walk(text_node)
    text = "".join(parts)
    return TimexDoc(doc_id, text, dct, tuple(sorted(timexes, key=lambda t: (t.start, t.end))))


def load_tempeval(data_dir: Path) -> list[TimexDoc]:
    paths = sorted((data_dir / TEMPEVAL3).glob("*/*.tml"))
    return [parse_tml(p.read_text(encoding="utf-8"), f"{p.parent.name}/{p.stem}") for p in paths]


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class GoldQuantity:
    value: tuple[float, float]
    unit: str  # NewsQuant's normalized unit ("percentage", "dollar", "-" for none)


@dataclass(frozen=True)
class QuantSentence:
    text: str
    quantities: tuple[GoldQuantity, ...]


def load_newsquant(data_dir: Path) -> list[QuantSentence]:
    from eval.metrics import parse_gold_value

    entries = json.loads((data_dir / NEWSQUANT).read_text(encoding="utf-8"))
    return [QuantSentence(e["text"], tuple(GoldQuantity(parse_gold_value(q["value"]), q["normalized_unit"].lower())
                                           for q in e["quantities"]))
            for e in entries]


# --------------------------------------------------------------------------- summaries


@dataclass(frozen=True)
class SummaryCluster:
    id: str
    docs: tuple[tuple[str, str, dt.date | None], ...]  # (doc id, text, date from the doc id)
    references: tuple[str, ...]


_DOCNO_DATE = re.compile(r"(\d{8})")


def _docno_date(doc_id: str) -> dt.date | None:
    """``APW19981117.0597`` -> 1998-11-17 (DUC document numbers carry the wire date)."""
    m = _DOCNO_DATE.search(doc_id)
    if not m:
        return None
    try:
        return dt.datetime.strptime(m.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def load_duc2003(data_dir: Path) -> list[SummaryCluster]:
    return [SummaryCluster(r["cluster"], tuple((d["id"], d["text"], _docno_date(d["id"])) for d in r["docs"]),
                           tuple(r["references"]))
            for r in _jsonl(data_dir / DUC2003)]


# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class HtmlPage:
    key: str
    html: bytes
    body: str  # the gold article body
    url: str | None


def load_html_benchmark(data_dir: Path) -> list[HtmlPage]:
    root = data_dir / HTML_BENCHMARK
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append(HtmlPage(key, gzip.decompress(path.read_bytes()), truth[key]["articleBody"],
                                  truth[key].get("url")))
    return pages


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class CorpusRecord:
    id: str
    outlet: str | None
    published: dt.date | None
    title: str | None
    text: str


def load_corpus(data_dir: Path) -> list[CorpusRecord]:
    """The raw news corpus, articles with text only."""
    return [CorpusRecord(r["id"], r.get("outlet"), _date(r.get("published")), r.get("title"), r["text"])
            for r in _jsonl(data_dir / CORPUS) if r["text"].strip()]


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True)
class GoldMention:
    id: str  # "<doc id>:<m_id>"
    start: int
    end: int
    entity: str  # the cross-document instance id, or "<doc id>:<m_id>" of an entity annotated in one document only
    syntactic_type: str  # NAM, NOM, PRO, PRE.NAM, ... ("" where the annotation gives none)
    entity_type: str = ""  # its entity's PER, ORG, LOC, PRO, FIN or MIX ("" where none is given)


@dataclass(frozen=True)
class EntityDoc:
    id: str
    corpus: str
    text: str
    published: dt.date | None
    mentions: tuple[GoldMention, ...]


def parse_meantime(xml: str, corpus: str) -> EntityDoc:
    """One MEANTIME document: its tokens joined as ECB+'s are in this folder (single spaces inside
    a sentence, a newline between sentences, the title being sentence 0), and every entity mention
    that refers to an entity, with offsets into that text.

    A mention's span runs from its first token to its last (10 of the 3,919 skip a comma or a
    possessive inside). The 53 mentions annotated without a REFERS_TO link to an entity have no
    gold entity and are left out, as is the one mention without tokens.
    """
    root = ET.fromstring(xml)
    doc_id = root.get("doc_id", "")
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length, sentence = 0, None
    for token in root.iter("token"):
        if parts:
            sep = " " if token.get("sentence") == sentence else "\n"
            parts.append(sep)
            length += len(sep)
        sentence = token.get("sentence")
        word = token.text or ""
        offsets[token.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
    markables = root.find("Markables")
    relations = root.find("Relations")
    nodes = list(markables) if markables is not None else []
    entities = {n.get("m_id"): (n.get("instance_id") or f"{doc_id}:{n.get('m_id')}", n.get("ent_type") or "")
                for n in nodes if n.tag == "ENTITY"}
    refers: dict[str, tuple[str, str]] = {}
    for rel in relations.iter("REFERS_TO") if relations is not None else ():
        target = rel.find("target")
        entity = entities.get(target.get("m_id")) if target is not None else None
        if entity is not None:
            for source in rel.iter("source"):
                refers.setdefault(source.get("m_id", ""), entity)
    mentions = []
    for n in nodes:
        spans = [offsets[a.get("t_id", "")] for a in n.iter("token_anchor")]
        m_id = n.get("m_id", "")
        if n.tag == "ENTITY_MENTION" and spans and m_id in refers:
            entity, entity_type = refers[m_id]
            mentions.append(GoldMention(f"{doc_id}:{m_id}", min(s for s, _ in spans), max(e for _, e in spans),
                                        entity, n.get("syntactic_type") or "", entity_type))
    created = [t.get("value", "") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"]
    return EntityDoc(doc_id, corpus, "".join(parts), _date(created[0][:10]) if created else None,
                     tuple(sorted(mentions, key=lambda m: (m.start, m.end, m.id))))


def load_meantime(data_dir: Path) -> dict[str, list[EntityDoc]]:
    """MEANTIME's four corpora (``airbus``, ``apple``, ``gm``, ``stock``), documents by file name."""
    out: dict[str, list[EntityDoc]] = {}
    for folder in sorted((data_dir / MEANTIME).glob("corpus_*")):
        corpus = folder.name.removeprefix("corpus_")
        out[corpus] = [parse_meantime(p.read_text(encoding="utf-8"), corpus) for p in sorted(folder.glob("*.xml"))]
    return out
