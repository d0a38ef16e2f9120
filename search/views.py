from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from search import registry, selectors
from search.forms import SearchForm
from search.text import MAX_WORDS, parse_query


def search(request: HttpRequest) -> HttpResponse:
    """The results page; the header's search box sends here. Everyone sees the same: the index
    holds public documents only."""
    form = SearchForm(request.GET or None)
    results = None
    kind = None
    notice = ""
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        query = parse_query(form.cleaned_data["q"])
        kind = registry.source(request.GET.get("typ", ""))
        results = selectors.search(query=query, kind=kind.kind if kind else None)
        if query.dropped_words:
            notice = _("Bara de %(count)d första orden användes i sökningen.") % {
                "count": MAX_WORDS
            }
    context = {
        "form": form,
        "results": results,
        "kind": kind,
        "notice": notice,
        "query_text": form.data.get("q", "") if form.is_bound else "",
    }
    return render(request, "search/results.html", context)
