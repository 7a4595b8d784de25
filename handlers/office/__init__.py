"""What the emulation office does in chat: announcements to units, and their reports."""
