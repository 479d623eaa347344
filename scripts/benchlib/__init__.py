"""Shared pieces of the benchmark scripts (scripts/bench and the older bench-parse, bench-events,
bench-grade): the input generators, the timing and peak-memory measurement, the four benchmarks
and the text and Markdown tables. Kept here so every script measures the same files the same way."""
