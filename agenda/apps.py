from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda: items, annotations, documents, organization of work"

    def ready(self):
        from agenda.services import tombstones

        tombstones.connect()
