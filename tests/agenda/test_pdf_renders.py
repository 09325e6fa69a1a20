"""PDFs on the task queue: rendered once per version, language and layout however many ask;
meanwhile the previous version's PDF (marked) or a page that reloads itself; a render whose
worker died, that failed or whose bytes were evicted is taken up again.

Here the queue is Django's DummyBackend: it keeps the jobs and runs none, and the test runs
them as the worker would (``run_jobs``), so each moment in between can be looked at."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.tasks import default_task_backend
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from agenda.models import PdfRender, PublishedVersion
from agenda.outputs.pdf import cache as pdf_cache
from agenda.outputs.pdf import tasks as pdf_renders
from agenda.outputs.pdf.cache import pdf_cache_key
from agenda.services.publishing import current_version
from tests import factories
from tests.parsed import parse

pytestmark = pytest.mark.django_db

State = PdfRender.State
QUEUE = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queue(settings):
    """A queue that holds its jobs until the test runs them."""
    settings.TASKS = QUEUE
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def run_jobs(queue) -> list[str]:
    """Run every job waiting, in order, as the worker would; what each returned."""
    jobs, outcomes = list(queue.results), []
    queue.clear()
    for job in jobs:
        outcomes.append(job.task.call(*job.args, **job.kwargs))
    return outcomes


def pdf_url(session, lang="en", version=None):
    args = [session.body.slug, session.number]
    if version is not None:
        return reverse("version-pdf", args=[*args, version, lang])
    return reverse("session-pdf", args=[*args, lang])


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def session(published_small):
    return published_small


def test_a_pdf_not_rendered_yet_is_queued_once_and_served_when_done(client, queue, session):
    first = client.get(pdf_url(session, "fr"))
    assert first.status_code == 503
    assert (first["Retry-After"], first["Refresh"]) == ("5", "5")
    assert first["Cache-Control"] == "no-store"
    assert "ETag" not in first
    page = parse(first.content)
    assert page.find("meta", http_equiv="refresh")["content"] == "5"
    made = "Version 1 of the provisional agenda in Français is being made into a PDF"
    assert made in page.visible_text
    # however many ask meanwhile: one render, one job
    for _ in range(3):
        assert client.get(pdf_url(session, "fr")).status_code == 503
    (render,) = PdfRender.objects.all()
    assert (render.language, render.state, render.attempts) == ("fr", State.QUEUED, 0)
    assert len(queue.results) == 1

    assert run_jobs(queue) == ["rendered"]
    render.refresh_from_db()
    assert (render.state, render.attempts, render.due_at) == (State.DONE, 1, None)
    done = client.get(pdf_url(session, "fr"))
    assert done.status_code == 200
    assert done["ETag"] == f'"{pdf_cache_key(current_version(session), "fr")}"' == f'"{render.key}"'
    assert done["X-Agenda-Version"] == "1"
    assert "X-Agenda-Pending-Version" not in done
    assert "Opening of the meeting" in text_of(done.content)
    assert queue.results == []  # nothing more to render


def test_the_being_prepared_page_is_in_the_interface_language_and_not_an_error(
    client, queue, session, caplog
):
    page = client.get(pdf_url(session, "zh"), headers={"accept-language": "zh"})
    assert page.status_code == 503
    html = parse(page.content)
    assert html.find("html").attrs == {"lang": "zh", "dir": "ltr"}
    assert "PDF 正在准备中" in html.visible_text
    assert "临时议程第 1 版的中文 PDF 正在生成" in html.visible_text
    assert [r for r in caplog.records if r.levelname == "ERROR"] == []  # expected, not a failure


def test_while_the_new_version_renders_the_previous_ones_pdf_stands_in(client, queue, session):
    client.get(pdf_url(session))
    run_jobs(queue)
    old = client.get(pdf_url(session))
    factories.item(session, "Adoption of the agenda")
    factories.publish(session, kind="revision")

    stand_in = client.get(pdf_url(session))
    assert stand_in.status_code == 200
    assert stand_in.content == old.content
    assert stand_in["ETag"] == old["ETag"]  # its own ETag, never the new version's
    assert stand_in["Last-Modified"] == old["Last-Modified"]
    assert (stand_in["X-Agenda-Version"], stand_in["X-Agenda-Pending-Version"]) == ("1", "2")
    assert stand_in["Content-Disposition"] == (
        'inline; filename="CTOC-COP-WG.9-2024-1-en-previous.pdf"'
    )
    # a client holding it revalidates: still the same, so 304, marked alike
    kept = client.get(pdf_url(session), headers={"if-none-match": old["ETag"]})
    assert (kept.status_code, kept["ETag"], kept["X-Agenda-Pending-Version"]) == (
        304,
        old["ETag"],
        "2",
    )
    # the address of version 2 itself has nothing to stand in for it
    assert client.get(pdf_url(session, version=2)).status_code == 503
    assert client.get(pdf_url(session, version=1)).content == old.content
    # the session page says which PDFs are still being made
    html = client.get(session.get_absolute_url()).content.decode()
    assert html.count("(being prepared)") == 1
    assert "their links give the previous version’s PDF" in html

    assert run_jobs(queue) == ["rendered"]
    new = client.get(pdf_url(session), headers={"if-none-match": old["ETag"]})
    assert new.status_code == 200
    assert new["ETag"] == f'"{pdf_cache_key(current_version(session), "en")}"' != old["ETag"]
    assert new["X-Agenda-Version"] == "2"
    assert "X-Agenda-Pending-Version" not in new
    assert new["Content-Disposition"] == 'inline; filename="CTOC-COP-WG.9-2024-1-Rev.1-en.pdf"'
    assert "Adoption of the agenda" in text_of(new.content)
    assert client.get(pdf_url(session, version=2)).content == new.content
    assert "being prepared" not in client.get(session.get_absolute_url()).content.decode()


def test_publishing_queues_the_six_pdfs_once_committed(
    queue, session, settings, django_capture_on_commit_callbacks
):
    settings.PDF_RENDER_AHEAD = True
    factories.item(session, "Other matters")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        version = factories.publish(session, kind="revision")
        assert not PdfRender.objects.exists()  # nothing before the commit
    assert len(callbacks) == 1
    renders = PdfRender.objects.filter(version=version).order_by("language")
    assert [(r.language, r.state) for r in renders] == [
        (lang, State.QUEUED) for lang in ["ar", "en", "es", "fr", "ru", "zh"]
    ]
    assert len(queue.results) == 6
    assert run_jobs(queue) == ["rendered"] * 6
    for render in renders:
        assert cache.get(render.key).startswith(b"%PDF-")


def stall(render: PdfRender, **fields) -> None:
    """As a worker killed mid-render leaves its row: running, its heartbeat stopped."""
    past = timezone.now() - dt.timedelta(seconds=1)
    PdfRender.objects.filter(pk=render.pk).update(
        state=State.RUNNING, attempts=1, due_at=past, **fields
    )


def test_a_render_whose_worker_died_is_taken_up_again_by_one_request(client, queue, session):
    client.get(pdf_url(session))
    (render,) = PdfRender.objects.all()
    # The worker claims it and dies; its job is gone with it.
    assert pdf_renders._claim(render.pk) is not None
    queue.clear()
    PdfRender.objects.filter(pk=render.pk).update(due_at=timezone.now() + dt.timedelta(hours=1))
    assert client.get(pdf_url(session)).status_code == 503
    assert queue.results == []  # heartbeat still fresh: it is someone else's render
    stall(render)
    assert client.get(pdf_url(session)).status_code == 503
    assert client.get(pdf_url(session)).status_code == 503
    assert len(queue.results) == 1  # taken up again by the first request only
    render.refresh_from_db()
    assert render.state == State.QUEUED
    assert run_jobs(queue) == ["rendered"]
    render.refresh_from_db()
    assert (render.state, render.attempts) == (State.DONE, 2)
    assert client.get(pdf_url(session)).status_code == 200


def test_a_second_job_for_the_same_render_does_nothing(client, queue, session):
    client.get(pdf_url(session))
    (render,) = PdfRender.objects.all()
    pdf_renders.render_pdf.enqueue(render.pk)  # e.g. queued again after QUEUED_PATIENCE
    assert run_jobs(queue) == ["rendered", "taken"]
    render.refresh_from_db()
    assert render.attempts == 1


def test_a_failed_render_is_retried_after_a_pause_and_completes(client, queue, session, caplog):
    client.get(pdf_url(session))
    (render,) = PdfRender.objects.all()
    version = current_version(session)
    content = version.content
    # a version the renderer cannot read: a real failure inside the job
    PublishedVersion.objects.filter(pk=version.pk).update(content={})
    with pytest.raises(KeyError):
        run_jobs(queue)
    (logged,) = [r for r in caplog.records if r.name == "agenda.outputs.pdf.tasks"]
    assert logged.levelname == "ERROR"
    assert logged.getMessage().startswith(f"rendering {render.key} failed (attempt 1); retried")
    render.refresh_from_db()
    assert (render.state, render.attempts, render.error) == (State.FAILED, 1, "KeyError: 'venues'")
    assert dt.timedelta(seconds=9) < render.due_at - timezone.now() <= dt.timedelta(seconds=10)
    assert cache.get(render.key) is None  # nothing partial was stored
    assert client.get(pdf_url(session)).status_code == 503
    assert queue.results == []  # not before its pause
    PublishedVersion.objects.filter(pk=version.pk).update(content=content)
    PdfRender.objects.filter(pk=render.pk).update(due_at=timezone.now())
    assert client.get(pdf_url(session)).status_code == 503
    assert run_jobs(queue) == ["rendered"]
    render.refresh_from_db()
    assert (render.state, render.attempts, render.error) == (State.DONE, 2, "")
    assert client.get(pdf_url(session)).status_code == 200


def test_a_pdf_evicted_from_the_cache_is_rendered_again(client, queue, session):
    client.get(pdf_url(session))
    run_jobs(queue)
    first = client.get(pdf_url(session))
    cache.clear()
    pdf_cache.recent.clear()  # a new process: nothing in memory either
    assert client.get(pdf_url(session)).status_code == 503
    assert client.get(pdf_url(session)).status_code == 503
    assert run_jobs(queue) == ["rendered"]
    again = client.get(pdf_url(session))
    assert (again.content, again["ETag"]) == (first.content, first["ETag"])
    assert PdfRender.objects.get().attempts == 2
