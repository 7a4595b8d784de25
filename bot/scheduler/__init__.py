"""The clock of the proactive half: a tick every minute that sends what the data says is due."""
