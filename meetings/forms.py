"""The body form of the site (administrators only). It parses and checks what was typed, with
messages in the reader's language; meetings.bodies saves."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meetings.models import Body
from meetings.symbols import normalize_symbol, validate_symbol
from meetings.translations import interface_language, localize

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class SecretariatChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{user.get_username()} ({name})" if name else user.get_username()


class BodyForm(forms.ModelForm):
    # Checked by clean_slug, with the model's rule but a message in the reader's language.
    slug = forms.CharField(
        max_length=Body._meta.get_field("slug").max_length,
        label=_("Web address"),
        help_text=_(
            "Part of the body’s web address: lower-case letters, digits and hyphens, "
            "e.g. ctoc-cop-wg3."
        ),
    )
    secretariat = SecretariatChoice(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Secretariat members"),
        help_text=_("The users who prepare this body’s sessions and may edit them."),
    )

    class Meta:
        model = Body
        fields = [
            "name",
            "abbreviation",
            "slug",
            "parent",
            "symbol_prefix",
            "duty_station",
            "organizer_email",
            "secretariat",
        ]
        labels = {
            "name": _("Name"),
            "abbreviation": _("Abbreviation"),
            "parent": _("Parent body"),
            "symbol_prefix": _("Document series"),
            "duty_station": _("Duty station"),
            "organizer_email": _("Secretariat address"),
        }
        help_texts = {
            "name": _("In each language it has; at least one."),
            "abbreviation": _("e.g. WG.3"),
            "parent": _("The body it reports to, if any."),
            "symbol_prefix": _(
                "The symbol of the body’s documents without the running number, e.g. CTOC/COP/WG.3."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].error_messages["required"] = _(
            "Give the name in at least one language."
        )
        parents = Body.objects.order_by("slug")
        if self.instance.pk:
            parents = parents.exclude(pk__in=self._self_and_descendants())
        self.fields["parent"].queryset = parents
        # Bodies and venues by their names in the reader's language.
        language = interface_language()
        for name in ("parent", "duty_station"):
            self.fields[name].label_from_instance = lambda obj: (
                localize(obj.name, language, "en").text or obj.slug
            )
        self.fields["parent"].empty_label = _("(none: a principal body)")
        self.fields["duty_station"].empty_label = _("(choose the duty station)")

    def _self_and_descendants(self) -> set[int]:
        children: dict[int, list[int]] = {}
        for pk, parent in Body.objects.values_list("pk", "parent_id"):
            children.setdefault(parent, []).append(pk)
        found, todo = set(), [self.instance.pk]
        while todo:
            pk = todo.pop()
            if pk not in found:
                found.add(pk)
                todo.extend(children.get(pk, []))
        return found

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip()
        if not SLUG.fullmatch(slug):
            raise ValidationError(
                _("Use lower-case letters, digits and single hyphens, such as ctoc-cop-wg3.")
            )
        if Body.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _("Another body already has the address “%(slug)s”."), params={"slug": slug}
            )
        return slug

    def clean_symbol_prefix(self):
        prefix = normalize_symbol(self.cleaned_data["symbol_prefix"])
        try:
            # A prefix is a symbol without its running number; check it as one.
            validate_symbol(prefix + "/1")
        except ValidationError:
            raise ValidationError(
                _("“%(prefix)s” is not a valid symbol series; write it as in CTOC/COP/WG.3."),
                params={"prefix": prefix},
            ) from None
        return prefix
