"""Loading the real 2020 survey (shared/seeds/000_…txt) as an example: closed, no responses."""

import datetime
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from surveys.models import Option, Question, Survey, SurveySeries

SEED_FILE = Path(__file__).resolve().parent.parent / "seed_data" / "survey_2020.yaml"


def seed_survey_data(*, path: Path = SEED_FILE) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@transaction.atomic
def survey_load_seed(*, path: Path = SEED_FILE) -> tuple[Survey, bool]:
    """Load the 2020 survey from its data file. Returns (survey, created); idempotent: a
    survey of the same series and year is left as it is."""
    data = seed_survey_data(path=path)
    series, _ = SurveySeries.objects.get_or_create(name=data["series"])
    existing = Survey.objects.filter(series=series, year=data["year"]).first()
    if existing is not None:
        return existing, False
    opens_on: datetime.date = data["opens_on"]
    closes_on: datetime.date = data["closes_on"]
    survey = Survey.objects.create(
        title=data["title"],
        introduction=data["introduction"].strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        series=series,
        year=data["year"],
    )
    for position, item in enumerate(data["questions"], start=1):
        question = Question.objects.create(
            survey=survey,
            position=position,
            kind=item["kind"],
            text=item["text"].strip(),
            help_text=item.get("help_text", ""),
            required=item.get("required", False),
            allow_other=item.get("allow_other", False),
            scale_max=item.get("scale_max", 5),
            scale_min_label=item.get("scale_min_label", ""),
            scale_max_label=item.get("scale_max_label", ""),
        )
        Option.objects.bulk_create(
            Option(question=question, position=number, text=text.strip())
            for number, text in enumerate(item.get("options", []), start=1)
        )
    return survey, True
