"""Runtime: settings, the App that owns every resource, the dispatcher and the channels."""
