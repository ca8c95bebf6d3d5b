"""crosswire: many news reports in, one cross-checked, cited picture out."""

__version__ = "0.1.0"
