"""Input validation for the newsletter pages; no side effects."""

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletters.models import Newsletter, NewsletterCard, Subscriber
from newsletters.models.newsletters import BODY_MAX, PREAMBLE_MAX, TITLE_MAX

EMAIL_MAX = 254


class NewsletterForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=TITLE_MAX)
    preamble = forms.CharField(
        label=_("Ingress"),
        max_length=PREAMBLE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ett par meningar som sammanfattar brevet. Visas i arkivet och överst i mejlet."
        ),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Markdown: en tom rad mellan stycken, # för rubriker, - för punktlistor, "
            "[text](https://…) för länkar. HTML tas bort."
        ),
    )

    @classmethod
    def for_newsletter(cls, newsletter: Newsletter) -> "NewsletterForm":
        return cls(
            initial={
                "title": newsletter.title,
                "preamble": newsletter.preamble,
                "body": newsletter.body,
            }
        )


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Bild"),
        help_text=_(
            "PNG, JPEG eller WebP, högst 10 MB. Bilden sparas om och förminskas vid behov."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    alt = forms.CharField(
        label=_("Bildtext för den som inte ser bilden"),
        max_length=300,
        help_text=_("Beskriv vad bilden visar, till exempel ”Deltagare vid konferensen 2021”."),
    )


class CardForm(forms.Form):
    target = forms.ChoiceField(label=_("Länk till innehåll i portalen"))

    def __init__(
        self, *args: Any, options: dict[str, list[tuple[int, str, str]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(NewsletterCard.Kind.choices)
        cast(forms.ChoiceField, self.fields["target"]).choices = [("", _("Välj …"))] + [
            (str(labels[kind]), [(f"{kind}:{pk}", title) for pk, title, _path in items])
            for kind, items in options.items()
            if items
        ]

    def clean_target(self) -> tuple[str, int]:
        kind, _sep, pk = self.cleaned_data["target"].partition(":")
        return kind, int(pk)


class SendForm(forms.Form):
    NOW = "now"
    LATER = "later"
    when = forms.ChoiceField(
        label=_("När ska det skickas?"),
        choices=[(NOW, _("Nu")), (LATER, _("Vid en viss tidpunkt"))],
        widget=forms.RadioSelect,
        initial=NOW,
    )
    send_at = forms.DateTimeField(
        label=_("Datum och tid"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Svensk tid. Används bara om du väljer en viss tidpunkt."),
    )
    confirm = forms.BooleanField(
        label=_("Jag har förhandsgranskat nyhetsbrevet och vill skicka det."),
        error_messages={"required": _("Bekräfta att nyhetsbrevet ska skickas.")},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("when") == self.LATER:
            send_at = data.get("send_at")
            if not send_at:
                self.add_error("send_at", _("Ange datum och tid för utskicket."))
            elif isinstance(send_at, datetime.datetime) and send_at <= timezone.now():
                self.add_error("send_at", _("Välj en tidpunkt som inte har passerat."))
        return data


class ResendForm(forms.Form):
    deliveries = forms.TypedMultipleChoiceField(
        label=_("Skicka igen till"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en adress att skicka igen till.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["deliveries"]).choices = choices


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Din e-postadress"),
        max_length=EMAIL_MAX,
        error_messages={
            "invalid": _("Skriv en hel e-postadress, till exempel namn@forening.se."),
            "required": _("Skriv din e-postadress."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SubscriberSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök adress"), required=False, max_length=EMAIL_MAX)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla"))] + list(Subscriber.Status.choices),
    )


class SettingsForm(forms.Form):
    working_group_may_write = forms.BooleanField(
        label=_("Arbetsgruppen får skriva och skicka nyhetsbrev"), required=False
    )
