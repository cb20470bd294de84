"""Benchmarks: scripts that print their figures (run with `python -m bench.<name>`)."""
