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
from generator.recommendations.importer import (
    CalledFootnote,
    ImportResult,
    ParagraphSummary,
    format_summary,
    import_report,
)
from generator.recommendations.problems import ImportProblem

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
