"""Bringing a plan in from the annex files the level above sends (.xlsx, .docx)."""

from desktop.importing.plan_import import (
    Layout,
    Understood,
    describe,
    describe_diff,
    understand,
    write,
)

__all__ = ["Layout", "Understood", "describe", "describe_diff", "understand", "write"]
