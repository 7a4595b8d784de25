"""Zalo Bot Platform: its HTTP API, polling or webhook, replies out."""
