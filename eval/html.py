"""HTML reading: the text crosswire reads from a web page against the benchmark's gold article body.

Each page is written to a temporary ``.html`` file and read with ``crosswire.ingest.read_paths``,
exactly as ``crosswire ingest page.html`` would read it. Figures are bag-of-tokens precision,
recall and F1 per page, averaged over pages (a page crosswire could not read scores 0), and the
number of pages that gave no text.

Peer: trafilatura's ``extract`` called directly on the same bytes (crosswire uses trafilatura
inside, so the difference is what crosswire's own reading adds or loses).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from eval import data as gold
from eval.common import CROSSWIRE, Result, prefixed, result, scorer_main
from eval.metrics import token_prf

PEER = "trafilatura"
HEADLINE = ("token_f1", "token_p", "token_r")


def crosswire_text(page: gold.HtmlPage, folder: Path) -> str:
    """The text of the article crosswire reads from the page ("" when it reports a problem)."""
    from crosswire.ingest import read_paths
    from crosswire.model import Article

    path = folder / f"{page.key}.html"
    path.write_bytes(page.html)
    articles = [item for item in read_paths([path]) if isinstance(item, Article)]
    return "\n".join(a.text for a in articles)


def trafilatura_text(page: gold.HtmlPage) -> str:
    import trafilatura

    return trafilatura.extract(page.html) or ""


def _mean_figures(texts: Sequence[str], pages: Sequence[gold.HtmlPage]) -> dict[str, float]:
    rows = [token_prf(text, page.body) for text, page in zip(texts, pages)]
    n = len(rows) or 1
    mean = {k: sum(r[k] for r in rows) / n for k in ("precision", "recall", "f1")}
    return {**prefixed("token", mean), "empty_pages": sum(1 for t in texts if not t.strip())}


def score(data_dir: Path, limit: int | None = None) -> Result:
    t0 = time.perf_counter()
    pages = gold.sample(gold.load_html_benchmark(data_dir), limit)
    with tempfile.TemporaryDirectory(prefix="crosswire-eval-html-") as tmp:
        ours = [crosswire_text(page, Path(tmp)) for page in pages]
    peer = [trafilatura_text(page) for page in pages]
    return result("html", {CROSSWIRE: _mean_figures(ours, pages), PEER: _mean_figures(peer, pages)}, HEADLINE,
                  n=len(pages), limit=limit, data=[gold.HTML_BENCHMARK],
                  settings={"tokens": "lowercased \\w+ runs, bag of tokens", "average": "macro over pages"},
                  seconds=time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "HTML reading against the article-extraction benchmark.", gold.HTML_BENCHMARK, argv)


if __name__ == "__main__":
    main()
