"""A throwaway PostgreSQL cluster for tests and benchmarks: a temp folder, a free port, gone after.

    with PostgresServer.start() as server:
        url = server.create_database("t1")    # postgresql://postgres@127.0.0.1:PORT/t1

Run as a script to keep one up by hand (``python -m tests.pg_server``; Ctrl-C stops it).
PostgreSQL refuses to run as root, so as root ``initdb`` and ``pg_ctl`` run as the ``postgres``
user (the folder is handed to it first); as anyone else they run directly.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Where Debian puts the server binaries; PG_BIN overrides, then PATH is searched.
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    candidates = [os.environ.get("PG_BIN", "")] + sorted(glob.glob(DEBIAN_BIN_GLOB), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int

    @classmethod
    def start(cls, bin_dir: Path | None = None) -> "PostgresServer":
        """initdb a cluster in a new temp folder and start it on a free port (trust auth, local only)."""
        bin_dir = bin_dir or find_bin_dir()
        if bin_dir is None:
            raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BIN")
        root = Path(tempfile.mkdtemp(prefix="crosswire-pg-"))
        server = cls(bin_dir, root / "data", _free_port())
        try:
            if os.geteuid() == 0:
                shutil.chown(root, SERVER_USER)
            server._run("initdb", "-D", str(server.data_dir), "-A", "trust", "-U", "postgres", "-E", "UTF8")
            server._run("pg_ctl", "-D", str(server.data_dir), "-w", "-l", str(root / "log"), "-o",
                        f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return server

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin_dir / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.data_dir.parent, ignore_errors=True)

    def __enter__(self) -> "PostgresServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    with PostgresServer.start() as running:
        print(running.url(), flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
