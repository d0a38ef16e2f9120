"""How the notes-per-minute figure on the moderation page is drawn.

The selector (dialogues.selectors.moderation.note_rate) returns counts; the column heights in
pixels are worked out here (`{% with column=minute.count|rate_column:rate.peak %}`).
"""

from dataclasses import dataclass

from django import template

register = template.Library()

RATE_BAR_HEIGHT = 40  # pixels of the busiest minute's column in the figure


@dataclass(frozen=True)
class RateColumn:
    """One minute's column: `bar` is its height in pixels, relative to the busiest minute."""

    bar: int
    height: int = RATE_BAR_HEIGHT  # the column with its empty track above

    @property
    def space(self) -> int:
        """The empty height above the column."""
        return self.height - self.bar


@register.filter
def rate_column(count: int, peak: int) -> RateColumn:
    """The column of a minute with `count` notes when the busiest minute had `peak`."""
    return RateColumn(bar=round(RATE_BAR_HEIGHT * count / peak) if peak else 0)
