"""Forms for revision proposals: input checks only (the rules are the service's).

Long texts have no `maxlength` attribute on purpose: a browser silently cuts a pasted text at
maxlength. Their length is checked here instead, and what was typed is kept.
"""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from agreements.conferences import ConferenceRef
from agreements.models import Organisation, RevisionProposal
from agreements.models.proposals import (
    ANSWER_REASON_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    HIDE_REASON_MAX_LENGTH,
    PROPOSED_TEXT_MAX_LENGTH,
    REASON_MAX_LENGTH,
)
from agreements.proposal_parts import ProposalPart

# The organisation choice of the working group when it proposes as itself.
WORKING_GROUP_CHOICE = "arbetsgruppen"


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _long_text(value: str, *, maximum: int, message: Any) -> str:
    value = value.replace("\r\n", "\n").strip()
    if len(value) > maximum:
        raise forms.ValidationError(
            message % {"max": _number(maximum), "count": _number(len(value))}, code="too_long"
        )
    return value


class PartChoiceForm(forms.Form):
    """Step one: which part of the agreement the proposal is about (a GET form)."""

    del_ = forms.ChoiceField(
        label=_("Vilken del av överenskommelsen gäller förslaget?"),
        error_messages={
            "required": _("Välj vilken del förslaget gäller."),
            "invalid_choice": _(
                "Delen finns inte i den gällande versionen av överenskommelsen. Välj en del i "
                "listan."
            ),
        },
    )

    def __init__(self, *args: Any, parts: Sequence[ProposalPart], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[str, str]]] = {}
        for part in parts:
            groups.setdefault(part.group, []).append((part.key, part.label))
        cast(forms.ChoiceField, self.fields["del_"]).choices = [
            ("", _("Välj en del")),
            *groups.items(),
        ]

    def add_prefix(self, field_name: str) -> str:
        # "del" is a Python keyword; the query parameter is still ?del=…
        return "del" if field_name == "del_" else super().add_prefix(field_name)


def organisation_choices(
    organisations: Sequence[Organisation], *, working_group: bool
) -> list[tuple[str, str]]:
    choices = [(str(o.pk), o.name) for o in organisations]
    if working_group:
        choices.append((WORKING_GROUP_CHOICE, str(_("Arbetsgruppen"))))
    return choices


class _OrganisationField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            error_messages={
                "required": _("Välj vilken organisation du skriver för."),
                "invalid_choice": _(
                    "Välj en av de organisationer du företräder (de som har undertecknat)."
                ),
            },
            **kwargs,
        )


class _ChoosesOrganisation(forms.Form):
    def __init__(
        self,
        *args: Any,
        organisations: Sequence[Organisation],
        working_group: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        choices = organisation_choices(organisations, working_group=working_group)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = choices
        if len(choices) == 1:
            self.fields["organisation"].initial = choices[0][0]

    def chosen_organisation(self) -> Organisation | None:
        """The organisation chosen (None: the working group as itself)."""
        return self.organisations.get(self.cleaned_data["organisation"])


class ProposalForm(_ChoosesOrganisation):
    """Step two: the proposed wording, the reason and the organisation behind it."""

    organisation = _OrganisationField(label=_("Förslaget lämnas av"))
    proposed_text = forms.CharField(
        label=_("Föreslagen lydelse"),
        strip=False,
        help_text=_(
            "Skriv hela delen som ni vill att den ska lyda. Stycken skiljs åt med en tom rad."
        ),
        error_messages={"required": _("Skriv den lydelse ni föreslår.")},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    reason = forms.CharField(
        label=_("Motivering"),
        strip=False,
        help_text=_("Varför behövs ändringen? Vad blir bättre?"),
        error_messages={"required": _("Skriv varför ni föreslår ändringen.")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_proposed_text(self) -> str:
        return _long_text(
            self.cleaned_data["proposed_text"],
            maximum=PROPOSED_TEXT_MAX_LENGTH,
            message=_(
                "Förslaget är för långt: %(count)s tecken, men högst %(max)s får plats. Korta "
                "det. Det du skrev finns kvar."
            ),
        )

    def clean_reason(self) -> str:
        return _long_text(
            self.cleaned_data["reason"],
            maximum=REASON_MAX_LENGTH,
            message=_(
                "Motiveringen är för lång: %(count)s tecken, men högst %(max)s får plats. Korta "
                "den. Det du skrev finns kvar."
            ),
        )


class NoteProposalForm(forms.Form):
    """The working group makes a proposal of a conference note: the part, the text, a reason."""

    part = forms.ChoiceField(
        label=_("Vilken del av överenskommelsen gäller förslaget?"),
        error_messages={
            "required": _("Välj vilken del förslaget gäller."),
            "invalid_choice": _(
                "Delen finns inte i den gällande versionen av överenskommelsen. Välj en del i "
                "listan."
            ),
        },
    )
    proposed_text = ProposalForm.base_fields["proposed_text"]
    reason = ProposalForm.base_fields["reason"]
    clean_proposed_text = ProposalForm.clean_proposed_text
    clean_reason = ProposalForm.clean_reason

    def __init__(self, *args: Any, parts: Sequence[ProposalPart], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[str, str]]] = {}
        for part in parts:
            groups.setdefault(part.group, []).append((part.key, part.label))
        cast(forms.ChoiceField, self.fields["part"]).choices = [
            ("", _("Välj en del")),
            *groups.items(),
        ]


class SupportForm(_ChoosesOrganisation):
    organisation = _OrganisationField(label=_("Stöd förslaget för"))


class CommentForm(_ChoosesOrganisation):
    organisation = _OrganisationField(label=_("Du skriver för"))
    text = forms.CharField(
        label=_("Kommentar"),
        strip=False,
        error_messages={"required": _("Skriv en kommentar innan du skickar.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_text(self) -> str:
        return _long_text(
            self.cleaned_data["text"],
            maximum=COMMENT_MAX_LENGTH,
            message=_(
                "Kommentaren är för lång: %(count)s tecken, men högst %(max)s får plats. Det du "
                "skrev finns kvar."
            ),
        )


class CheckForm(forms.Form):
    """The working group's check: publish, or hide with a reason."""

    decision = forms.ChoiceField(
        label=_("Granskning"),
        choices=[("publish", _("Publicera förslaget")), ("hide", _("Dölj förslaget"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj publicera eller dölj."),
            "invalid_choice": _("Välj publicera eller dölj."),
        },
    )
    hidden_reason = forms.CharField(
        label=_("Skäl att dölja"),
        required=False,
        max_length=HIDE_REASON_MAX_LENGTH,
        help_text=_("Krävs för att dölja. Den som skrev förslaget kan läsa skälet."),
        error_messages={"max_length": _("Skälet får vara högst %(limit_value)d tecken.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "hide" and not cleaned.get("hidden_reason", "").strip():
            self.add_error("hidden_reason", _("Skriv varför förslaget döljs."))
        return cleaned


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Arbetsgruppens svar"),
        choices=[
            (RevisionProposal.Answer.INCLUDE.value, _("Tas med i nästa version")),
            (RevisionProposal.Answer.REJECT.value, _("Avslås")),
            (RevisionProposal.Answer.CONFERENCE.value, _("Besvaras på en konferens")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj ett av svaren."),
            "invalid_choice": _("Välj ett av svaren."),
        },
    )
    answer_reason = forms.CharField(
        label=_("Motivering till svaret"),
        required=False,
        strip=False,
        help_text=_("Krävs vid avslag. Visas offentligt med svaret."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    conference = forms.ChoiceField(
        label=_("Konferens"),
        required=False,
        help_text=_("Krävs när förslaget ska besvaras på en konferens."),
        error_messages={"invalid_choice": _("Konferensen finns inte. Välj en i listan.")},
    )

    def __init__(self, *args: Any, conferences: Sequence[ConferenceRef], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conferences = {str(c.id): c for c in conferences}
        cast(forms.ChoiceField, self.fields["conference"]).choices = [
            ("", _("Välj en konferens")),
            *(
                (str(c.id), f"{c.name} ({formats.date_format(c.date, 'j F Y')})")
                for c in conferences
            ),
        ]

    def clean_answer_reason(self) -> str:
        return _long_text(
            self.cleaned_data["answer_reason"],
            maximum=ANSWER_REASON_MAX_LENGTH,
            message=_("Motiveringen är för lång: %(count)s tecken, men högst %(max)s får plats."),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answer = cleaned.get("answer")
        if answer == RevisionProposal.Answer.REJECT and not cleaned.get("answer_reason"):
            self.add_error("answer_reason", _("Skriv varför förslaget avslås."))
        if answer == RevisionProposal.Answer.CONFERENCE and not cleaned.get("conference"):
            if "conference" not in self.errors:
                self.add_error("conference", _("Välj den konferens där förslaget ska besvaras."))
        return cleaned

    def chosen_conference(self) -> ConferenceRef | None:
        return self.conferences.get(self.cleaned_data.get("conference") or "")


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl att dölja"),
        max_length=HIDE_REASON_MAX_LENGTH,
        error_messages={
            "required": _("Skriv varför kommentaren döljs."),
            "max_length": _("Skälet får vara högst %(limit_value)d tecken."),
        },
    )
