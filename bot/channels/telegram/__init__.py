"""Telegram: the PTB client, updates in (polling or webhook), replies out, menus."""
