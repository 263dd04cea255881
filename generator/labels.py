"""The words upr itself puts in a submission, in the submission's language.

Everything else comes from the content; these are the few fixed strings of
the cover, the recommendations headings and the annex, written once here so
that the renderers, the word count and the diff say the same thing.
"""

from __future__ import annotations

import datetime
import re

from dataclasses import dataclass

ENGLISH_ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


@dataclass(frozen=True)
class Labels:
    """The fixed strings of one language; `{n}` stands for a number."""

    submitted_by: str
    state_under_review: str
    session: str  # "{n}th session of the UPR Working Group"
    cycle: str  # "{ordinal} cycle"
    recommendation: str
    recommendations: str
    annex_title: str
    annex_columns: dict[str, str]  # column name (formatting.ANNEX_COLUMNS) → its title
    responses: dict[str, str]
    statuses: dict[str, str]
    colon: str = ": "  # French sets a no-break space before a colon
    and_: str = "and"
    contact: str = "Contact"
    months: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August",
                               "September", "October", "November", "December")
    date: str = "{day} {month} {year}"
    tag: str = "en-GB"  # the language as a BCP 47 tag: the DOCX's proofing language, the PDF's and HTML's lang

    def date_text(self, iso: str) -> str:
        """Return "28 March 2019" for "2019-03-28" (in the language); a date not in that form as written."""
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso.strip())
        try:
            datetime.date(*(int(part) for part in match.groups())) if match else None
        except ValueError:
            match = None  # "2019-02-30" is no date: shown as written
        if not match:
            return iso
        year, month, day = match.groups()
        return self.date.format(day=int(day), month=self.months[int(month) - 1], year=year)

    def session_text(self, number: int) -> str:
        """Return "34th session of the UPR Working Group" (in the language)."""
        return self.session.format(n=number, nth=_english_nth(number))

    def cycle_text(self, number: int) -> str:
        """Return "third cycle" (in the language)."""
        word = ENGLISH_ORDINALS[number] if number < len(ENGLISH_ORDINALS) else _english_nth(number)
        return self.cycle.format(n=number, ordinal=word)

    def recommendations_title(self, count: int) -> str:
        """Return the heading of a list of `count` recommendations."""
        return self.recommendation if count == 1 else self.recommendations


def _english_nth(number: int) -> str:
    """Return "34th" for 34."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


LABELS: dict[str, Labels] = {
    "en": Labels(
        submitted_by="Submitted by",
        state_under_review="State under review",
        session="{nth} session of the UPR Working Group",
        cycle="{ordinal} cycle",
        recommendation="Recommendation",
        recommendations="Recommendations",
        annex_title="Annex: Implementation of previous recommendations",
        annex_columns={
            "number": "No.",
            "recommendation": "Recommendation",
            "states": "State(s)",
            "response": "Response",
            "assessment": "Assessment",
        },
        responses={"supported": "Supported", "noted": "Noted", "partially supported": "Partially supported",
                   "pending": "Pending"},
        statuses={"not implemented": "Not implemented", "partially implemented": "Partially implemented",
                  "implemented": "Implemented", "not assessed": "Not assessed"},
    ),
    "fr": Labels(
        tag="fr-FR",
        submitted_by="Soumis par",
        state_under_review="État examiné",
        session="{n}e session du Groupe de travail sur l’Examen périodique universel",
        cycle="{n}e cycle",
        recommendation="Recommandation",
        recommendations="Recommandations",
        annex_title="Annexe\u00a0: mise en œuvre des recommandations précédentes",
        annex_columns={
            "number": "No",
            "recommendation": "Recommandation",
            "states": "État(s)",
            "response": "Réponse",
            "assessment": "Évaluation",
        },
        responses={"supported": "Acceptée", "noted": "Prise en note", "partially supported": "Acceptée en partie",
                   "pending": "En attente"},
        statuses={"not implemented": "Non mise en œuvre", "partially implemented": "Partiellement mise en œuvre",
                  "implemented": "Mise en œuvre", "not assessed": "Non évaluée"},
        colon="\u00a0: ",
        and_="et",
        months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"),
    ),
    "es": Labels(
        tag="es-ES",
        submitted_by="Presentado por",
        state_under_review="Estado examinado",
        session="{n}.º período de sesiones del Grupo de Trabajo sobre el Examen Periódico Universal",
        cycle="{n}.º ciclo",
        recommendation="Recomendación",
        recommendations="Recomendaciones",
        annex_title="Anexo: aplicación de las recomendaciones anteriores",
        annex_columns={
            "number": "N.º",
            "recommendation": "Recomendación",
            "states": "Estado(s)",
            "response": "Respuesta",
            "assessment": "Evaluación",
        },
        responses={"supported": "Aceptada", "noted": "Se toma nota", "partially supported": "Aceptada en parte",
                   "pending": "Pendiente"},
        statuses={"not implemented": "No aplicada", "partially implemented": "Parcialmente aplicada",
                  "implemented": "Aplicada", "not assessed": "No evaluada"},
        and_="y",
        contact="Contacto",
        months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                "noviembre", "diciembre"),
        date="{day} de {month} de {year}",
    ),
}


def labels_for(language: str) -> Labels:
    """Return the labels of a language (English for one upr does not know)."""
    return LABELS.get(language, LABELS["en"])
