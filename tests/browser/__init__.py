"""Browser tests and the shared built-site fixture."""
