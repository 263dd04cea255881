"""Previous-cycle UPR recommendations: the data model, its YAML file, and the report importer."""

from generator.recommendations.data import (
    RESPONSES,
    Recommendation,
    RecommendationSet,
    dump_recommendation_data,
    load_recommendation_data,
    normalise_state,
    search,
)

# The importer (and PDFium behind it) loads on first use: building and checking never need it.
_IMPORTER_NAMES = ("CalledFootnote", "ImportResult", "ParagraphSummary", "format_summary", "import_report")


def __getattr__(name: str) -> object:
    """Return an importer name on first use."""
    if name in _IMPORTER_NAMES:
        from generator.recommendations import importer

        return getattr(importer, name)
    if name == "ImportProblem":
        from generator.recommendations.problems import ImportProblem

        return ImportProblem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "RESPONSES",
    "CalledFootnote",
    "ImportProblem",
    "ImportResult",
    "ParagraphSummary",
    "Recommendation",
    "RecommendationSet",
    "dump_recommendation_data",
    "format_summary",
    "import_report",
    "load_recommendation_data",
    "normalise_state",
    "search",
]
