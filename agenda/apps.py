from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda: items, annotations, documents, organization of work"

    def ready(self):
        from agenda import tombstones

        tombstones.connect()
