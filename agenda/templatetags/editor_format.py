"""Filters of the editor's templates."""

from django import template

from agenda.editor_common import symbol_placeholder

register = template.Library()
register.filter("symbol_placeholder", symbol_placeholder)
