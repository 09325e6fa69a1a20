"""What the first page of the provisional agenda says about its session, in one language:
the masthead, the distribution block, the bodies and the place and dates. Read by every
document renderer (PDF, Word), so that they print the same words."""

from dataclasses import dataclass

from agenda.outputs.document_terms import document_terms, document_title, job_number_line
from agenda.reads.content import SessionContent
from meetings.dates import long_date
from meetings.translations import LANGUAGE_NAMES, Localized, localize


@dataclass(frozen=True)
class Masthead:
    language: str
    united_nations: str
    symbol: str
    title: str  # the document's: 临时议程说明 / Provisional agenda and annotations
    organ: Localized  # the outermost body: the masthead's name
    body_names: list[Localized]  # the bodies under it, outermost first
    city: Localized
    session_title: Localized
    distribution: str  # "Distr.: General": in English in every language version
    issue_date: str
    language_name: str  # "Chinese" in a version that is not the original, else ""
    original_name: str
    job_number: str  # "V.24-01234 (C)", or ""

    @property
    def texts(self) -> list[Localized]:
        """The masthead's localized texts (each may fall back to the original language)."""
        return [self.organ, *self.body_names, self.city, self.session_title]


def masthead(content: SessionContent, language: str) -> Masthead:
    session = content.session
    original = session.original_language
    body = session.body
    chain = [*reversed(body.ancestors()), body]  # outermost body first
    names = [localize(b.name, language, original) for b in chain]
    terms = document_terms(language)
    return Masthead(
        language=language,
        united_nations=terms["united_nations"],
        symbol=session.agenda_symbol,
        title=document_title(language, session.title_variant),
        organ=names[0],
        body_names=names[1:],
        city=localize(session.location.city, language, original),
        session_title=session.localized_title(language),
        distribution=f"{terms['distribution']}: {session.get_distribution_display()}",
        issue_date=long_date(session.issue_date, "en"),
        language_name=LANGUAGE_NAMES[language] if language != original else "",
        original_name=LANGUAGE_NAMES[original],
        job_number=job_number_line(session.job_number, language),
    )
