"""The JSON API in-process (TestClient): every route answers in its documented schema, and every bad
request in the one error shape with its status."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import jsonschema
import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")
from fastapi.testclient import TestClient  # noqa: E402

from crosswire.web import create_app  # noqa: E402
from tests.briefing_checks import assert_valid  # noqa: E402
from tests.web_support import HOSTILE, HOSTILE_ID, TOKEN, build_store, web_db  # noqa: E402,F401

API_SCHEMA = json.loads(resources.files("crosswire").joinpath("schema/api.schema.json").read_text())


def valid(data: dict, definition: str) -> dict:
    """``data`` checked against one ``$defs`` entry of the shipped API schema."""
    jsonschema.validate(data, {**API_SCHEMA, "$ref": f"#/$defs/{definition}"})
    return data


def error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = valid(response.json(), "error")
    assert body["error"]["code"] == code
    return body["error"]["message"]


@pytest.fixture(scope="module")
def client(web_db) -> TestClient:
    return TestClient(create_app(web_db))


@pytest.fixture(scope="module")
def levee(client) -> str:
    return next(s["id"] for s in client.get("/api/stories").json()["stories"] if s["articles"] == 5)


def test_web_api_stories_lists_rows_with_conflicts(client, levee):
    body = valid(client.get("/api/stories").json(), "story_list")
    assert (body["total"], body["page"], body["per_page"]) == (2, 1, 20)
    rows = {s["id"]: s for s in body["stories"]}
    assert rows[levee]["conflicts"] is True  # 1,200 and 3,000 people forced out on the same day
    assert [s["conflicts"] for s in body["stories"] if s["id"] != levee] == [False]


@pytest.mark.parametrize(("params", "expected"), [
    ({"sort": "size"}, ["levee", "lumatek"]),
    ({"sort": "recent"}, ["lumatek", "levee"]),
    ({"q": "levee"}, ["levee"]),
    ({"q": '"torrential rain"'}, ["levee"]),
    ({"q": "nothing-matches-this"}, []),
    ({"entity": "Lumatek"}, ["lumatek"]),
    ({"outlet": "the veldra herald"}, ["levee"]),
    ({"from": "2024-04-01"}, ["lumatek"]),
    ({"to": "2024-03-11"}, ["levee"]),
    ({"from": "2024-03-12", "to": "2024-03-12"}, ["levee"]),
    ({"q": "", "entity": "", "from": ""}, ["lumatek", "levee"]),  # empty form fields filter nothing
])
def test_web_api_stories_filters_and_sorts(client, levee, params, expected):
    body = valid(client.get("/api/stories", params=params).json(), "story_list")
    names = {levee: "levee"}
    assert [names.get(s["id"], "lumatek") for s in body["stories"]] == expected
    assert body["total"] == len(expected)


def test_web_api_stories_pages(client):
    first, second = (valid(client.get("/api/stories", params={"per_page": 1, "page": p}).json(), "story_list")
                     for p in (1, 2))
    assert (first["total"], len(first["stories"]), len(second["stories"])) == (2, 1, 1)
    assert first["stories"][0]["id"] != second["stories"][0]["id"]
    assert client.get("/api/stories", params={"page": 3, "per_page": 1}).json()["stories"] == []


@pytest.mark.parametrize("params", [{"sort": "oldest"}, {"page": 0}, {"per_page": 101}, {"from": "2024-13-01"},
                                    {"to": "yesterday"}, {"q": "x" * 501}])
def test_web_api_stories_bad_params_are_422(client, params):
    message = error(client.get("/api/stories", params=params), 422, "invalid_parameter")
    assert next(iter(params)) in message


def test_web_api_story_is_the_briefing_contract(client, levee):
    body = client.get(f"/api/stories/{levee}").json()
    assert_valid(body)
    assert [s["id"] for s in body["stories"]] == [levee]
    assert HOSTILE_ID in {a["id"] for a in body["stories"][0]["articles"]}
    assert "no story nope" in error(client.get("/api/stories/nope"), 404, "not_found")


def test_web_api_article_gives_text_as_given_and_items(client):
    body = valid(client.get(f"/api/articles/{quote(HOSTILE_ID, safe='')}").json(), "article")
    assert body["article"]["text"] == HOSTILE.text and body["article"]["url"] == HOSTILE.url
    assert len(body["stories"]) == 1
    kinds = {i["kind"] for i in body["items"]}
    assert {"name", "quote", "figure"} <= kinds
    assert all(0 <= i["start"] < i["end"] <= len(HOSTILE.text) for i in body["items"])
    assert "no article 'nope'" in error(client.get("/api/articles/nope"), 404, "not_found")


def test_web_api_search_statements_figures_mentions(client, levee):
    hits = valid(client.get("/api/search", params={"q": "levee", "limit": 2}).json(), "hits")["hits"]
    assert len(hits) == 2 and {h["story"] for h in hits} == {levee}
    said = valid(client.get("/api/statements", params={"speaker": "Dascu"}).json(), "statements")["statements"]
    assert said and all(s["story"] == levee for s in said)
    figures = valid(client.get("/api/figures", params={"quantity": "people"}).json(), "figures")["figures"]
    assert {f["low"] for f in figures} >= {1200, 3000}
    named = valid(client.get("/api/mentions", params={"name": "Korvashin"}).json(), "mentions")["mentions"]
    assert named and all(m["label"] for m in named)
    article_texts = {}
    for item in said + figures + named:  # every span reads back from the text as given
        text = article_texts.setdefault(item["article"], client.get(
            f"/api/articles/{quote(item['article'], safe='')}").json()["article"]["text"])
        assert text[item["start"]:item["end"]] == item["text"]


@pytest.mark.parametrize(("path", "param"), [("/api/search", "q"), ("/api/statements", "speaker"),
                                             ("/api/figures", "quantity"), ("/api/mentions", "name")])
def test_web_api_queries_need_their_words(client, path, param):
    assert param in error(client.get(path), 422, "invalid_parameter")
    error(client.get(path, params={param: ""}), 422, "invalid_parameter")
    assert "limit" in error(client.get(path, params={param: "x", "limit": 0}), 422, "invalid_parameter")


def test_web_api_unknown_route_and_method(client):
    error(client.get("/api/nothing"), 404, "not_found")
    error(client.post("/api/stories"), 405, "method_not_allowed")


def test_web_api_docs_served_offline(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/search", "/api/statements", "/api/figures",
            "/api/mentions", "/api/articles/{article_id}", "/api/articles"} <= set(paths)
    page = client.get("/docs")
    assert page.status_code == 200 and "cdn" not in page.text.lower() and "<script>" not in page.text
    for src in ("/static-offline-docs/swagger-ui-bundle.js", "/static-offline-docs/swagger-ui.css",
                "/static/docs.js"):
        assert src in page.text and client.get(src).status_code == 200


def test_web_api_every_response_carries_the_policy(client, levee):
    for path in ("/api/stories", f"/api/stories/{levee}", "/api/nothing", "/"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert client.get("/api/stories").headers["x-content-type-options"] == "nosniff"


# ----------------------------------------------------------------------------- POST /api/articles

NEW = {"id": "quake-1", "title": "Quake", "outlet": "Wire", "published": "2024-05-02",
       "text": "TARVOS - An earthquake shook the port city of Tarvos on Thursday, the Seismic Office said, "
               "damaging some 40 buildings."}


@pytest.fixture
def writable(web_db, tmp_path) -> TestClient:
    """A client with a token over a copy of the store (writes must not change the shared one)."""
    for suffix in ("", "-wal"):
        if Path(web_db + suffix).exists():
            shutil.copyfile(web_db + suffix, str(tmp_path / "w.db") + suffix)
    return TestClient(create_app(str(tmp_path / "w.db"), token=TOKEN, max_body=4096))


AUTH = {"authorization": f"Bearer {TOKEN}"}


def test_web_api_ingest_read_only_without_token(client):
    message = error(client.post("/api/articles", json=NEW, headers=AUTH), 403, "read_only")
    assert "CROSSWIRE_TOKEN" in message


@pytest.mark.parametrize("headers", [{}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN},
                                     {"authorization": f"Basic {TOKEN}"}])
def test_web_api_ingest_needs_the_bearer_token(writable, headers):
    response = writable.post("/api/articles", json=NEW, headers=headers)
    error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


def test_web_api_ingest_one_then_again(writable):
    first = writable.post("/api/articles", json=NEW, headers=AUTH)
    assert first.status_code == 201
    assert valid(first.json(), "ingest_report")["stored"] == ["quake-1"]
    again = writable.post("/api/articles", json=NEW, headers=AUTH)
    assert (again.status_code, again.json()["duplicates"]) == (200, ["quake-1"])
    assert writable.get("/api/articles/quake-1").json()["article"]["text"] == NEW["text"]
    assert writable.get("/api/stories", params={"q": "earthquake"}).json()["total"] == 1


def test_web_api_ingest_jsonl_batch_reports_bad_lines(writable):
    lines = [json.dumps({**NEW, "id": "quake-2", "text": NEW["text"] + " Rescuers searched."}), "{not json",
             json.dumps({"id": "quake-3", "text": NEW["text"] + " Schools closed."})]
    response = writable.post("/api/articles", content="\n".join(lines) + "\n", headers={
        **AUTH, "content-type": "application/x-ndjson"})
    report = valid(response.json(), "ingest_report")
    assert response.status_code == 201 and report["stored"] == ["quake-2", "quake-3"]
    assert [(p["line"], p["kind"]) for p in report["problems"]] == [(2, "malformed")]


@pytest.mark.parametrize("body", [{"title": "no text"}, {"text": "   "}])
def test_web_api_ingest_without_an_article_is_422(writable, body):
    error(writable.post("/api/articles", json=body, headers=AUTH), 422, "no_article")
    error(writable.post("/api/articles", content=b"", headers={**AUTH, "content-type": "application/json"}),
          422, "no_article")


def test_web_api_ingest_refuses_other_media_types(writable):
    error(writable.post("/api/articles", content=NEW["text"], headers={**AUTH, "content-type": "text/plain"}),
          415, "unsupported_media_type")


def test_web_api_ingest_body_limit_declared_or_streamed(writable):
    big = {**NEW, "text": "word " * 2000}
    assert "4096 bytes" in error(writable.post("/api/articles", json=big, headers=AUTH), 413, "too_large")
    chunks = (json.dumps(big)[i:i + 1000].encode() for i in range(0, len(json.dumps(big)), 1000))  # no length
    error(writable.post("/api/articles", content=chunks, headers={**AUTH, "content-type": "application/json"}),
          413, "too_large")
    assert writable.get("/api/stories", params={"q": "earthquake"}).json()["total"] == 0
