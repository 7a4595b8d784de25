"""The delivery engine: every outbound message, answers and the outbox, on one policy."""
