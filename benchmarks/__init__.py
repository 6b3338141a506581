"""Benchmarks for import and reports on a national-size dataset. Not part of the test suite:
they print figures (`python -m benchmarks`); see the README and benchmarks/RESULTS.md."""
