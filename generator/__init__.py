"""upr: write UN Universal Periodic Review stakeholder submissions as structured content."""

__version__ = "0.1.0"
