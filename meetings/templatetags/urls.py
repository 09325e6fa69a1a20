"""``{% session_url "item-edit" session item.pk %}``: Session.url from a template (a builtin,
see settings.TEMPLATES), instead of spelling out the body's slug and the number each time."""

from django import template

register = template.Library()


@register.simple_tag
def session_url(name, session, *args):
    return session.url(name, *args)
