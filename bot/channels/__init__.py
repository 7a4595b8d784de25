"""Channel adapters: each translates its platform to Incoming and Replies back, nothing more."""
