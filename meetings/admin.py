from django.contrib import admin

from meetings.models import Body, Session, Sitting, Venue


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["slug", "__str__", "country", "time_zone"]
    search_fields = ["slug"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = [
        "slug",
        "__str__",
        "abbreviation",
        "symbol_prefix",
        "parent",
        "duty_station",
        "organizer_email",
    ]
    list_select_related = ["parent", "duty_station"]
    search_fields = ["slug", "abbreviation", "symbol_prefix"]
    autocomplete_fields = ["parent", "duty_station"]


class SittingInline(admin.TabularInline):
    model = Sitting
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "body", "number", "start_date", "end_date", "status"]
    list_filter = ["status", "format", "body"]
    list_select_related = ["body"]
    search_fields = ["agenda_symbol", "body__slug", "body__abbreviation"]
    autocomplete_fields = ["body", "venue"]
    inlines = [SittingInline]


@admin.register(Sitting)
class SittingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "start_time", "end_time", "room", "cancelled"]
    list_filter = ["cancelled", "session__body"]
    list_select_related = ["session__body"]
    autocomplete_fields = ["session"]
    search_fields = ["session__body__slug"]
    readonly_fields = ["uid", "version"]  # the calendar event's identity, the edit lock
