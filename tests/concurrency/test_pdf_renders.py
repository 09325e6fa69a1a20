"""PDF renders under concurrency, with committed rows that every connection sees: many
requests at once queue one job; a live worker's heartbeat keeps its render its own."""

import threading
import time

import pytest
from django.db import connection
from django.tasks import default_task_backend
from django.tasks.signals import task_enqueued
from django.test import Client
from django.urls import reverse

from agenda.models import PdfRender
from agenda.outputs.pdf.tasks import render_pdf
from tests import factories

State = PdfRender.State


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def published(items: int):
    session = factories.session(agenda_symbol="CTOC/COP/WG.7/2024/1")
    for n in range(items):
        item = factories.item(session, f"Item {n}", annotation={"en": f"Text {n}. " * 80})
        factories.footnote(item, "a", f"Note {n}")
    factories.publish(session)
    return reverse("session-pdf", args=[session.body.slug, session.number, "en"])


def test_ten_requests_at_once_queue_one_render(parallel, queue):
    url = published(1)
    enqueued = []  # each thread has its own backend instance; the signal sees them all

    def seen(sender, task_result, **kwargs):
        enqueued.append(task_result.args)

    task_enqueued.connect(seen)
    try:
        answers = parallel(*[lambda: Client().get(url).status_code] * 10)
    finally:
        task_enqueued.disconnect(seen)
    assert [(a.result, a.error) for a in answers] == [(503, None)] * 10
    (render,) = PdfRender.objects.all()
    assert (render.state, render.attempts) == (State.QUEUED, 0)
    assert enqueued == [[render.pk]]


def test_a_live_workers_heartbeat_keeps_its_render(transactional_db, queue, settings):
    settings.PDF_RENDER_STALE_SECONDS = 0.6  # a beat every 0.1 s
    url = published(40)
    Client().get(url)
    (job,) = queue.results
    render = PdfRender.objects.get()
    worker = threading.Thread(target=lambda: (render_pdf.call(*job.args), connection.close()))
    worker.start()
    beats = set()
    for _ in range(600):  # at most 60 s
        row = PdfRender.objects.get(pk=render.pk)
        if row.state == State.DONE:
            break
        if row.state == State.RUNNING:
            beats.add(row.due_at)
            # a request meanwhile: the render is someone's, alive; nothing is queued again
            Client().get(url)
        time.sleep(0.1)
    worker.join(timeout=60)
    row = PdfRender.objects.get(pk=render.pk)
    assert (row.state, row.attempts) == (State.DONE, 1)
    assert len(beats) >= 3  # due_at pushed forward while it rendered
    assert len(queue.results) == 1  # only the first job: never taken up again
