"""Placeholder: filled in by the timeline rules."""
from __future__ import annotations
