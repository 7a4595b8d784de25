"""Benchmarks that print JSON figures."""
