from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings: bodies, sessions, sittings, venues"

    def ready(self):
        from meetings import revisions, sequences, tombstones

        revisions.connect()
        sequences.connect()
        tombstones.connect()
