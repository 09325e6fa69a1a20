from django import template

from agenda.document_terms import documentation_line
from agenda.numbering import number_in

register = template.Library()
register.simple_tag(documentation_line)
register.filter("number_in", number_in)
