"""Deadline reminders: the plan's moments, the messages, and the office's commands."""
