"""The generations (hok/generations.py) of the surveys app's public data.

SURVEYS: which surveys have published results (the public list, last year's comparison).
survey_generation(pk): one survey's published results, e.g. a free text hidden.
Bumped by services.results: _results_publish, results_unpublish (both), answer_hide,
answer_unhide (the survey's own); services.builder: survey_update, survey_delete (both);
services.seed: survey_load_seed (both).
"""

SURVEYS = "surveys"


def survey_generation(pk: int) -> str:
    return f"survey:{pk}"


# For hok.page_cache.cached_public_page on a view with a `pk` argument.
SURVEY_OF_VIEW = "survey:{pk}"
