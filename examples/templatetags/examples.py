"""`{% organisation_examples organisation %}` and `{% principle_examples principle %}`: the
knowledge base's published examples on the agreements app's pages. The agreements templates
load this library; the agreements code knows nothing of examples."""

from typing import Any

from django import template

from examples import selectors

register = template.Library()


@register.inclusion_tag("examples/includes/organisation_examples.html")
def organisation_examples(organisation: Any) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "examples": list(selectors.examples_of_organisation_public(organisation=organisation)),
    }


@register.inclusion_tag("examples/includes/principle_examples.html")
def principle_examples(principle: Any) -> dict[str, Any]:
    return {
        "principle": principle,
        "examples": selectors.examples_of_principle_public(principle=principle),
    }


@register.filter
def field_named(form: Any, name: str) -> Any:
    """The bound field `name` of `form`, for templates that lay out fields in groups."""
    return form[name]
