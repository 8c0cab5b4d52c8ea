from django.shortcuts import render

from search.forms import SearchForm
from search.selectors import global_search


def search_results(request):
    """The global search (?q=…&typ=…): what the user may read, by kind."""
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    results = global_search(
        user=request.user,
        text=data.get("q", "").strip(),
        kind=data.get("typ", ""),
        page_number=request.GET.get("page"),
    )
    return render(
        request,
        "search/results.html",
        {"form": form, "results": results, "page_obj": results.page},
    )
