"""The read stage: files, folders and stdin in; ``Article`` values and ``Problem`` reports out."""

from crosswire.ingest.dateline import infer_outlet, parse_dateline
from crosswire.ingest.decode import MAX_BYTES
from crosswire.ingest.readers import read_paths

__all__ = ["MAX_BYTES", "infer_outlet", "parse_dateline", "read_paths"]
