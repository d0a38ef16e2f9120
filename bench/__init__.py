"""Benchmarks: `uv run python -m bench.pages` (see bench/harness.py for the reusable parts)."""
