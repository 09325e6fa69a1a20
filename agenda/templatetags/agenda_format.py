from django import template

from agenda.document_terms import documentation_line

register = template.Library()
register.simple_tag(documentation_line)
