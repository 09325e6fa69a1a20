from django.contrib import admin

from agenda.models import (
    AgendaItem,
    Document,
    DocumentLink,
    Footnote,
    PublishedVersion,
    ScheduledItem,
)


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0


class DocumentLinkInline(admin.TabularInline):
    model = DocumentLink
    extra = 0
    autocomplete_fields = ["document"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "session", "parent", "position", "fixed_number"]
    list_filter = ["session__body"]
    list_select_related = ["session__body", "parent__session"]
    autocomplete_fields = ["session", "parent"]
    search_fields = ["session__body__slug"]
    inlines = [FootnoteInline, DocumentLinkInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "kind", "status", "issue_date", "session"]
    list_filter = ["kind", "status"]
    list_select_related = ["session__body"]
    search_fields = ["symbol"]
    autocomplete_fields = ["session"]


@admin.register(ScheduledItem)
class ScheduledItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "sitting", "item", "position"]
    list_select_related = ["sitting__session__body", "item__session"]
    autocomplete_fields = ["sitting", "item"]


@admin.register(PublishedVersion)
class PublishedVersionAdmin(admin.ModelAdmin):
    """Published versions are records: readable here, never changed or deleted by hand."""

    list_display = ["session", "number", "kind", "symbol", "published_at", "published_by"]
    list_filter = ["kind", "is_current"]
    search_fields = ["symbol"]
    list_select_related = ["session__body", "published_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
