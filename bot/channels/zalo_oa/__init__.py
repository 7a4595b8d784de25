"""Zalo Official Account: signed events, consultation messages, tokens, the 7-day window."""
