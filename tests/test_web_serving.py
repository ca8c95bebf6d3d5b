"""``crosswire serve --workers 2``: two processes over one store; what one stores, every one shows at once."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install -e '.[web]')")
import httpx  # noqa: E402

from tests.web_support import ROOT, TOKEN, web_db  # noqa: E402,F401

STARTUP_S = 60.0
QUAKE = {"id": "quake-9", "title": "Quake", "outlet": "Wire", "published": "2024-05-02",
         "text": "TARVOS - An earthquake shook the port city of Tarvos on Thursday, the Seismic Office said."}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _totals(url: str, n: int) -> set[int]:
    """The story count ``n`` fresh connections are given (each may reach either worker)."""
    return {httpx.get(f"{url}/api/stories").json()["total"] for _ in range(n)}


def test_web_serving_workers_show_what_another_stored(web_db, tmp_path):
    db = str(tmp_path / "w.db")
    shutil.copyfile(web_db, db)
    url = f"http://127.0.0.1:{_free_port()}"
    env = {**os.environ, "CROSSWIRE_TOKEN": TOKEN,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen([sys.executable, "-m", "crosswire", "serve", "--db", db, "--port", url.rsplit(":", 1)[1],
                               "--workers", "2"], env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            try:
                (before,) = _totals(url, 1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert _totals(url, 8) == {before}  # every worker has read and kept the list
        stored = httpx.post(f"{url}/api/articles", json=QUAKE, headers={"authorization": f"Bearer {TOKEN}"})
        assert stored.status_code == 201
        assert _totals(url, 8) == {before + 1}
    finally:
        server.terminate()
        server.wait(30)
