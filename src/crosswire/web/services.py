"""One ``Service`` per worker thread.

FastAPI runs each synchronous route in a pool of threads, and a store connection belongs to the
thread that opened it (``sqlite3`` refuses to share one across threads). Each thread therefore opens
its own service on first use and keeps it; SQLite's WAL lets them all read at once, and the store
serialises the few writes (a briefing kept, an ingest). A connection closes when its thread ends.
"""

from __future__ import annotations

import threading

from crosswire.service import Service


class ThreadServices:
    """Services over the store at ``location``, one per calling thread."""

    def __init__(self, location: str):
        self.location = location
        self._local = threading.local()

    def get(self) -> Service:
        """This thread's service, opened on its first call."""
        service = getattr(self._local, "service", None)
        if service is None:
            service = self._local.service = Service(self.location)
        return service
