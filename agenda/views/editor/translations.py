"""The translations page of the editor: how complete each language is, the XLIFF of what a
language is missing (or of everything, ``?all=1``), and the upload of a translated file
(agenda.services.translations checks it whole and writes it, or says what is wrong, unit by
unit, and writes nothing)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from agenda.outputs.xliff import CONTENT_TYPE, XliffRejected, build_xliff
from agenda.reads.translation_status import working_status
from agenda.services import translations
from agenda.views.editor.common import editing_language
from agenda.views.editor.forms import TranslationImportForm
from meetings.permissions import secretariat_required
from meetings.translations import INTERFACE_LANGUAGE_NAMES, UN_LANGUAGES

PAGE = "agenda/editor/translations.html"


def _target(request, session) -> str:
    """The language whose texts the page lists: the one asked for, else the first that is
    not the original."""
    language = editing_language(request, session)
    if language == session.original_language:
        return next(code for code in UN_LANGUAGES if code != session.original_language)
    return language


@secretariat_required
def session_translations(request, session):
    target = _target(request, session)
    problems = []
    if request.method == "POST":
        form = TranslationImportForm(request.POST, request.FILES, session=session)
        if form.is_valid():
            language = form.cleaned_data["language"]
            target = language
            try:
                count = translations.import_translations(
                    session,
                    language,
                    form.cleaned_data["file"].read(),
                    reason=f"XLIFF import ({language})",
                )
            except XliffRejected as exc:
                problems = exc.problems
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s text imported into %(language)s.",
                        "%(count)s texts imported into %(language)s.",
                        count,
                    )
                    % {"count": count, "language": INTERFACE_LANGUAGE_NAMES[language]},
                )
                return redirect(session.url("session-translations") + f"?lang={language}")
    else:
        form = TranslationImportForm(session=session, initial={"language": target})
    status = working_status(session)
    context = {
        "session": session,
        "status": status,
        "target": status[target],
        "target_name": INTERFACE_LANGUAGE_NAMES[target],
        "form": form,
        "problems": problems,
        "language": target,
        "languages": settings.LANGUAGES,
    }
    return render(request, PAGE, context, status=400 if problems else 200)


@require_GET
@secretariat_required
def translation_export(request, session, lang):
    """The XLIFF 2.0 file of what ``lang`` is missing; ``?all=1``: of every text."""
    if lang not in UN_LANGUAGES or lang == session.original_language:
        raise Http404(_("Translations are made into the languages other than the original."))
    everything = request.GET.get("all") == "1"
    units = translations.export_units(working_status(session), lang, everything=everything)
    body = build_xliff(
        file_id=f"{session.body.slug}-{session.number}",
        source_language=session.original_language,
        target_language=lang,
        units=units,
    )
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    name = translations.file_name(session, lang, everything)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
