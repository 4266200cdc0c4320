"""Sổ Kế hoạch headless core: domain, services, reports and CLI. Never imports Qt."""

__version__ = "0.1.0"
