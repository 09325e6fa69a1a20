"""Published PDFs render on the task queue, each (version, language, layout) exactly once.

The request side never renders: ``request_render`` makes sure a render is done or on its
way and returns at once; the view then serves the PDF, a stand-in (``stand_in``: the latest
earlier version's PDF, marked as such) or a page that says it is being prepared and reloads
itself. The worker side is the task ``render_pdf`` (run by ``manage.py db_worker``).

Once, however many ask: a render is a PdfRender row whose key is unique, so one request
creates it and only that request enqueues the job; a worker claims the row (queued →
running, a conditional UPDATE) before rendering, so a second job for the same row does
nothing. The PDF is a function of the version: its bytes go to the cache whole, and only
then does the row say done.

Taken up again, never lost: while a worker renders, its heartbeat pushes the row's
``due_at`` forward. A worker killed mid-render stops beating; the next request after
``due_at`` queues the render again (a conditional UPDATE: one request does). A failed render
is retried the same way after a growing pause; a queued render no worker has started within
QUEUED_PATIENCE is enqueued once more (a duplicate job finds the row taken and stops); a done
render whose bytes the cache has evicted since is queued again by the request that misses them.
"""

import datetime as dt
import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from agenda.models import PdfRender, PublishedVersion
from agenda.outputs.pdf import cache as pdf_cache
from agenda.outputs.pdf.render import LAYOUT_VERSION, render_agenda_pdf
from agenda.reads.content import LIGHT, published_content
from meetings.translations import UN_LANGUAGES

State = PdfRender.State
logger = logging.getLogger(__name__)

# A queued render not started by then is enqueued again (its job may have been lost).
QUEUED_PATIENCE = dt.timedelta(minutes=10)
# A failed render waits this long before its next attempt, doubling each time up to the last.
FIRST_RETRY, LAST_RETRY = dt.timedelta(seconds=10), dt.timedelta(minutes=15)


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.PDF_RENDER_STALE_SECONDS)


# --- the request side ------------------------------------------------------------------------


def request_render(version: PublishedVersion, language: str) -> bytes | None:
    """Make sure the PDF of ``version`` in ``language`` is rendered or on its way, without
    waiting for it. Returns its bytes when they turn out to be there (rendered meanwhile, or
    at once by an in-process task backend), else None."""
    key = pdf_cache.pdf_cache_key(version, language)
    row = PdfRender.objects.filter(key=key).only("pk", "state", "due_at").first()
    if row is None:
        finished = _create(version, language, key)
    elif row.state == State.DONE:
        # The bytes were written before the row said done: missing now means evicted.
        pdf = pdf_cache.cached_pdf(key)
        if pdf is not None:
            return pdf
        finished = _requeue(row)
    elif row.due_at is None or row.due_at <= timezone.now():
        finished = _requeue(row)
    else:
        return None
    return pdf_cache.cached_pdf(key) if finished else None


def render_ahead(version: PublishedVersion) -> None:
    """Queue the six PDFs of a version just published (publishing calls this after commit)."""
    for language in UN_LANGUAGES:
        request_render(version, language)


def _create(version: PublishedVersion, language: str, key: str) -> bool:
    """The row and its job, committed together (the queue is in the same database)."""
    try:
        with transaction.atomic():
            row = PdfRender.objects.create(
                key=key,
                version_id=version.pk,
                language=language,
                layout=LAYOUT_VERSION,
                due_at=timezone.now() + QUEUED_PATIENCE,
            )
            return _enqueue(row.pk)
    except IntegrityError:
        return False  # another request created it a moment ago, and enqueued its job


def _requeue(row: PdfRender) -> bool:
    """Queue ``row`` again, unless another request already did (its state or due time moved)."""
    with transaction.atomic():
        taken = PdfRender.objects.filter(pk=row.pk, state=row.state, due_at=row.due_at).update(
            state=State.QUEUED, due_at=timezone.now() + QUEUED_PATIENCE
        )
        return bool(taken) and _enqueue(row.pk)


def _enqueue(render_id: int) -> bool:
    """True when the job has already run to completion (an in-process backend)."""
    return render_pdf.enqueue(render_id).status == TaskResultStatus.SUCCESSFUL


def stand_in(
    version: PublishedVersion, language: str
) -> tuple[PublishedVersion, str, bytes] | None:
    """While ``version``'s PDF renders: the latest earlier version of the session whose PDF
    in ``language`` is ready, as (that version, its key, its bytes); None if there is none."""
    row = (
        PdfRender.objects.filter(
            version__session_id=version.session_id,
            version__number__lt=version.number,
            language=language,
            state=State.DONE,
        )
        .select_related("version")
        .defer(*(f"version__{name}" for name in LIGHT))
        .order_by("-version__number", "-finished_at")
        .first()
    )
    if row is None:
        return None
    pdf = pdf_cache.cached_pdf(row.key)
    return (row.version, row.key, pdf) if pdf is not None else None


def pending_languages(version: PublishedVersion) -> set[str]:
    """The languages whose PDF of ``version`` is queued, rendering or to be retried (one
    nobody has asked for yet is not pending: its first request starts it)."""
    renders = PdfRender.objects.filter(version_id=version.pk, layout=LAYOUT_VERSION)
    return set(renders.exclude(state=State.DONE).values_list("language", flat=True))


# --- the worker side -------------------------------------------------------------------------


@task()
def render_pdf(render_id: int) -> str:
    """Render one PDF into the cache, unless another job has it (or had it) already."""
    row = _claim(render_id)
    if row is None:
        return "taken"
    started = time.monotonic()
    try:
        with _heartbeat(row):
            pdf = render_agenda_pdf(published_content(row.version), row.language)
        pdf_cache.store(row.key, pdf)
    except Exception as exc:
        retry_at = _failed(row, exc)
        logger.error(
            "rendering %s failed (attempt %s); retried from %s on request",
            row.key,
            row.attempts,
            retry_at.isoformat(timespec="seconds"),
            exc_info=True,
        )
        raise  # and the queue records the job as failed
    # Whoever finishes first says done: a render taken up again meanwhile made the same bytes.
    PdfRender.objects.filter(pk=row.pk).exclude(state=State.DONE).update(
        state=State.DONE,
        due_at=None,
        finished_at=timezone.now(),
        seconds=time.monotonic() - started,
        error="",
    )
    return "rendered"


def _claim(render_id: int) -> PdfRender | None:
    now = timezone.now()
    claimed = PdfRender.objects.filter(pk=render_id, state=State.QUEUED).update(
        state=State.RUNNING, attempts=F("attempts") + 1, started_at=now, due_at=now + stale_after()
    )
    if not claimed:
        return None  # done, rendering elsewhere, or its version deleted
    return PdfRender.objects.filter(pk=render_id).select_related("version__session").first()


def _failed(row: PdfRender, exc: Exception) -> dt.datetime:
    """Record the failure; the next attempt is due after a pause that doubles each time."""
    now = timezone.now()
    retry_at = now + min(FIRST_RETRY * 2 ** (row.attempts - 1), LAST_RETRY)
    PdfRender.objects.filter(pk=row.pk, state=State.RUNNING, attempts=row.attempts).update(
        state=State.FAILED,
        finished_at=now,
        due_at=retry_at,
        error=f"{type(exc).__name__}: {exc}"[:2000],
    )
    return retry_at


@contextmanager
def _heartbeat(row: PdfRender):
    """While the render runs, push its ``due_at`` forward from a thread of its own (with its
    own database connection), so that only a render whose worker is gone looks stale. A claim
    made inside a transaction (an in-process backend within a request's) is seen by nobody
    else until it commits, so nothing could take it over: no beat is needed."""
    if connection.in_atomic_block:
        yield
        return
    stop = threading.Event()
    interval = stale_after().total_seconds() / 6

    def beat():
        try:
            while not stop.wait(interval):
                try:
                    PdfRender.objects.filter(
                        pk=row.pk, state=State.RUNNING, attempts=row.attempts
                    ).update(due_at=timezone.now() + stale_after())
                except DatabaseError:  # a beat missed; the next one may get through
                    logger.warning("heartbeat of %s failed", row.key, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"heartbeat {row.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=60)
