"""Placeholder: filled in by the actions rules."""
from __future__ import annotations
