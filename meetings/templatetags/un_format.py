from django import template
from django.utils.encoding import escape_uri_path

from meetings import dates
from meetings.translations import language_names, localize

register = template.Library()

register.simple_tag(dates.long_date)
register.simple_tag(dates.day_heading)
register.simple_tag(dates.date_range)
register.simple_tag(dates.full_date)
register.simple_tag(dates.place_and_dates)
register.filter("language_names", language_names)
register.filter("time_slot", lambda sitting: dates.time_slot(sitting.start_time, sitting.end_time))


@register.simple_tag
def localized(translations, language, original):
    """The text in ``language``, else the original (see meetings.translations.localize)."""
    return localize(translations, language, original).text


@register.simple_tag
def sitting_time(sitting, language):
    """The sitting's time slot as the document's language writes it (10 a.m.–1 p.m.)."""
    return dates.time_slot(sitting.start_time, sitting.end_time, language)


@register.filter
def without_lang(request) -> str:
    """The request's path and query without ``lang``: where the language switcher returns
    to, so that the language chosen there is the one the page then shows."""
    query = request.GET.copy()
    query.pop("lang", None)
    # the path as sent (percent-encoded), never decoded: a %00 must not become a NUL
    return escape_uri_path(request.path) + (f"?{query.urlencode()}" if query else "")


@register.filter
def language_name(code) -> str:
    """ "English" for "en", in the interface language."""
    return language_names([code])
