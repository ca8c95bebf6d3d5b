"""Speed, memory and scaling benchmarks (``python -m benchmarks.throughput``)."""
