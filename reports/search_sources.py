"""What the site search finds in this app (hok.searchable describes the interface): each
year's published follow-up report, by the texts frozen in its published version."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dialogues.markdown import markdown_to_html
from hok.searchable import Scopes, SearchDocument, SearchSource, html_to_text
from reports.document import report_title
from reports.models import Report, ReportVersion
from reports.selectors import published_versions


def report_documents(scopes: Scopes) -> Iterable[SearchDocument]:
    versions = published_versions().defer(None)  # the texts are in the snapshot
    if scopes is not None:
        versions = versions.filter(report_id__in=[int(scope) for scope in scopes])
    for version in versions:
        texts = (version.snapshot or {}).get("texts", {})
        year = version.report.year
        yield SearchDocument(
            scope=str(version.report_id),
            key=str(version.report_id),
            title=report_title(year),
            body="\n".join(html_to_text(markdown_to_html(text)) for text in texts.values()),
            url=reverse("reports:public_report", kwargs={"year": year}),
        )


def _version(version: ReportVersion) -> list[str]:
    return [str(version.report_id)]


def _report(report: Report) -> list[str]:
    return [str(report.pk)]


SEARCH_SOURCES = [
    SearchSource(
        kind="report",
        label=_("Uppföljningsrapporter"),
        order=70,
        documents=report_documents,
        watches={"reports.ReportVersion": _version, "reports.Report": _report},
    ),
]
