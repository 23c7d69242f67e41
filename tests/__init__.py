"""Tests of KIK online (run with `python -m pytest`)."""
