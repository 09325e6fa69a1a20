from django import template
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import pgettext

from agenda.outputs.calendar.links import feed_links, links_of
from agenda.outputs.document_terms import documentation_line, documentation_parts
from agenda.outputs.linking import (
    documentation_html,
    official_language,
    official_text_url,
    unbreakable,
)
from agenda.rules.numbering import number_in

register = template.Library()
register.simple_tag(documentation_line)
register.filter("number_in", number_in)
register.filter("unbreakable", unbreakable)


@register.simple_tag
def documentation_text(document, language):
    """A Documentation entry on a page, its symbols unbreakable (the entry is itself a link)."""
    return documentation_html(
        documentation_parts(document, language), language=language, link_symbols=False
    )


@register.simple_tag
def official_text(document, language) -> dict:
    """Where the document's official text is, and in which language (agenda.outputs.linking)."""
    shown = official_language(document, language)
    return {"url": official_text_url(document.symbol, shown), "language": shown}


@register.simple_tag
def add_to_calendar(meeting, language):
    """The "Add to calendar" choices of an agenda.reads.now.Meeting."""
    return render_to_string(
        "agenda/includes/add_to_calendar.html",
        {"links": links_of(meeting, language), "meeting": meeting},
    )


@register.simple_tag
def subscribe_links(path, name):
    """Subscription links of a feed (agenda.outputs.calendar.links.feed_links)."""
    return feed_links(path, name)


@register.filter
def percent(value) -> str:
    """A whole percentage as the interface language writes it: 100 %, 100%, ٪100."""
    return pgettext("percent", "%(number)s%%") % {"number": number_format(value)}


@register.filter
def status_of(status, language):
    """One language's part of a TranslationStatus (agenda.reads.translation_status)."""
    return status[language]


@register.filter
def translated_into(segment, language) -> bool:
    return segment.is_translated(language)


@register.filter
def text_in(segment, language) -> str:
    return segment.text(language)
