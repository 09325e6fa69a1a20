from django.contrib import admin
from django.core.exceptions import ValidationError

from agenda.models import (
    AgendaItem,
    Document,
    DocumentLink,
    Footnote,
    PublishedVersion,
    ScheduledItem,
)
from agenda.rules import ownership
from meetings.models import Session
from meetings.symbols import clean_symbol


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0


class DocumentLinkInline(admin.TabularInline):
    model = DocumentLink
    extra = 0
    autocomplete_fields = ["document"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Any public document may be listed; another body's unpublished ones do not exist here.
        if db_field.name == "document":
            kwargs["queryset"] = ownership.visible_documents(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
    """Staff who are not superusers see the public register and their bodies' unpublished
    documents, and change (or delete) only their bodies' (agenda.rules.ownership)."""

    list_display = ["symbol", "kind", "status", "issue_date", "session"]
    list_filter = ["kind", "status"]
    list_select_related = ["session__body"]
    search_fields = ["symbol"]
    autocomplete_fields = ["session"]

    def get_queryset(self, request):
        documents = super().get_queryset(request)
        if request.user.is_superuser:
            return documents
        return documents.filter(pk__in=ownership.visible_documents(user=request.user).values("pk"))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or ownership.can_change_document(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or ownership.can_change_document(request.user, obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session" and not request.user.is_superuser:
            kwargs["queryset"] = Session.objects.filter(body__secretariat=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        stored = Document.objects.select_related("session__body").get(pk=obj.pk) if obj else None

        class OwnedDocumentForm(form):
            def clean(self):
                data = super().clean()
                try:
                    symbol = clean_symbol(data.get("symbol") or "")
                except ValidationError:
                    return data  # the symbol's own error is reported
                candidate = Document(symbol=symbol, session=data.get("session"))
                problem = ownership.write_problem(request.user, candidate, stored=stored)
                if problem:
                    raise ValidationError(problem)
                return data

        return OwnedDocumentForm


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
