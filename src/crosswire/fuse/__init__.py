"""Fuse per-article analyses into stories: clusters, canonical entities, reconciled figures,
a timeline and a cited summary. Fusion works one story at a time."""
