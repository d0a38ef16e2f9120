from typing import Any

from django import template

from dialogues.models import Dialogue
from dialogues.selectors.outcomes import dialogue_outcome as select_dialogue_outcome

register = template.Library()


@register.inclusion_tag("dialogues/includes/outcome.html")
def dialogue_outcome(dialogue: Dialogue) -> dict[str, Any]:
    """`{% dialogue_outcome dialogue %}`: the published summary and feedback of a dialogue
    (nothing while its summary is unpublished). One query when published, none otherwise."""
    return {"outcome": select_dialogue_outcome(dialogue=dialogue)}
