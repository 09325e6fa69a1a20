from django import template

from meetings import dates
from meetings.translations import localize

register = template.Library()

register.simple_tag(dates.long_date)
register.simple_tag(dates.day_heading)
register.simple_tag(dates.date_range)
register.filter("time_slot", lambda sitting: dates.time_slot(sitting.start_time, sitting.end_time))


@register.simple_tag
def localized(translations, language, original):
    """The text in ``language``, else the original (see meetings.translations.localize)."""
    return localize(translations, language, original).text


@register.simple_tag
def sitting_time(sitting, language):
    """The sitting's time slot as the document's language writes it (10 a.m.–1 p.m.)."""
    return dates.time_slot(sitting.start_time, sitting.end_time, language)
