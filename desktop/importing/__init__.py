"""Bringing a plan in from the annex files the level above sends (.xlsx, .docx)."""

from desktop.importing.plan_import import Understood, describe, understand, write

__all__ = ["Understood", "describe", "understand", "write"]
