from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agreements import selectors
from agreements.access import agreement_version, current_principle, current_version
from agreements.comparison import ChangeKind, compare_documents
from agreements.forms.agreement import VersionCompareForm
from agreements.generations import AGREEMENT, PROPOSALS, SIGNATORIES
from agreements.selectors.directory import principle_commitments_public
from agreements.selectors.proposals import proposals_included_between, proposals_included_in
from hok.page_cache import cached_public_page


@cached_public_page(AGREEMENT, PROPOSALS)
def agreement_detail(request: HttpRequest, number: int | None = None) -> HttpResponse:
    document = agreement_version(number)
    context = {
        "document": document,
        "included_proposals": list(proposals_included_in(version=document.version)),
    }
    return render(request, "agreements/agreement_detail.html", context)


@cached_public_page(AGREEMENT, SIGNATORIES)
def principle_detail(request: HttpRequest, slug: str) -> HttpResponse:
    principle = current_principle(slug)
    principles = list(selectors.principles_current())
    index = next(i for i, p in enumerate(principles) if p.pk == principle.pk)
    context = {
        "principle": principle,
        "principle_count": len(principles),
        "previous": principles[index - 1] if index > 0 else None,
        "next": principles[index + 1] if index + 1 < len(principles) else None,
        # The commitments public signatories made under the principle, newest first.
        "commitment_sample": principle_commitments_public(principle=principle),
    }
    return render(request, "agreements/principle_detail.html", context)


@cached_public_page(AGREEMENT)
def goals(request: HttpRequest) -> HttpResponse:
    version = current_version()
    context = {"version": version, "goals": selectors.goals_current()}
    return render(request, "agreements/goals.html", context)


@cached_public_page(AGREEMENT)
def version_list(request: HttpRequest) -> HttpResponse:
    versions = list(selectors.version_list())
    form = VersionCompareForm(versions=versions)
    return render(request, "agreements/version_list.html", {"versions": versions, "form": form})


@cached_public_page(AGREEMENT, PROPOSALS)
def version_compare(request: HttpRequest) -> HttpResponse:
    versions = list(selectors.version_list())
    if len(versions) < 2:
        # Nothing to compare yet: say so instead of offering version 1 against version 1.
        context: dict[str, object] = {
            "changes": None,
            "only_version": versions[0] if versions else None,
        }
        return render(request, "agreements/version_compare.html", context)
    # Bound only when asked to compare: unrelated query parameters are not an error.
    asked = "old" in request.GET or "new" in request.GET
    form = VersionCompareForm(request.GET if asked else None, versions=versions)
    changes = None
    if form.is_valid():
        old = agreement_version(form.cleaned_data["old"])
        new = agreement_version(form.cleaned_data["new"])
        changes = compare_documents(old, new)
        context = {
            "form": form,
            "old": old.version,
            "new": new.version,
            "changes": changes,
            "changed": [c for c in changes if c.kind != ChangeKind.UNCHANGED],
            "unchanged": [c for c in changes if c.kind == ChangeKind.UNCHANGED],
            # The proposals taken into the newer version, and into any between the two.
            "included_proposals": list(
                proposals_included_between(old=old.version.number, new=new.version.number)
            ),
        }
    else:
        context = {"form": form, "changes": None}
    status = 400 if asked and not form.is_valid() else 200
    return render(request, "agreements/version_compare.html", context, status=status)


def working_group(request: HttpRequest) -> HttpResponse:
    context = {
        "implementation": selectors.section_current(slug="genomforande"),
        "responsibilities": selectors.working_group_responsibilities(),
        "members": selectors.working_group_members(),
    }
    return render(request, "agreements/working_group.html", context)
