"""The web chat: the page, its JSON API and the inbox of messages the office sent."""
