"""Placeholder: filled in by the structure rules."""
from __future__ import annotations
