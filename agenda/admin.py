from django.contrib import admin

from agenda.models import AgendaItem, Document, DocumentLink, Footnote, ScheduledItem


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
