"""Webhook headers as the bytes that came, for comparing with a secret."""


def header_bytes(value: str) -> bytes:
    """A stray \\xff byte (kept by aiohttp as a surrogate) compares unequal instead of
    failing to encode, so a forged header gets 401/403, not a 500."""
    return value.encode("utf-8", "surrogateescape")
