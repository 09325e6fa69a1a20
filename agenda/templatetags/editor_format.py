"""Filters of the editor's templates."""

from django import template

from agenda.views.editor.common import symbol_placeholder

register = template.Library()
register.filter("symbol_placeholder", symbol_placeholder)


@register.filter
def for_item(address: str, pk) -> str:
    """One item's address from the page's pattern (editor_common.item_urls)."""
    return address.replace("{pk}", str(pk))
