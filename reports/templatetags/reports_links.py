"""{% latest_report as latest %}: the newest published report, for the menu and the front page
(a template tag, so the ground floor's base template needs no import of this app)."""

from django import template

from reports.models import ReportVersion
from reports.selectors import latest_published

register = template.Library()


@register.simple_tag
def latest_report() -> ReportVersion | None:
    return latest_published()
