"""Benchmark: the signatory directory (unfiltered and filtered) and an organisation's page,
against the constant view of bench/pages.py, with 2,000 generated signatories.

Run from the project directory:

    uv run python -m bench.directory [--requests N] [--page [NAME=]PATH ...] [--help]

Before gunicorn starts, `prepare` fills the fresh benchmark database (see bench/harness.py)
with GENERATED data, clearly marked as such: 2,000 organisations named "Genererad förening
0001" … "Genererad förening 2000", each with an approved signature of the current version,
one to three municipalities and one to four areas of activity, five commitments (10,000 in
all) with two yearly progress reports each (20,000) and one document. Everything is written
with bulk_create in a `manage.py shell` run with the bench settings (it takes seconds),
followed by ANALYZE so the planner knows the tables' sizes.
"""

import sys
from collections.abc import Sequence

from bench.harness import BenchEnv, Page, log, run

ORGANISATIONS = 2000
COMMITMENTS_EACH = 5
REPORT_YEARS = (2023, 2024)
BATCH = 1000

PAGES = [
    Page("directory", "/undertecknare/"),
    # One municipality, one area and a search matching half of the names.
    Page(
        "dir-filtered",
        "/undertecknare/?kommun=halmstad&omrade=kultur&q=f%C3%B6rening+1",
    ),
    Page("organisation", "/organisationer/genererad-forening-0001/"),
]


def generate() -> None:
    """Write the generated signatories. Runs inside `manage.py shell` (Django is set up)."""
    import random
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.db import connection, transaction

    from agreements.models import (
        ActivityArea,
        AgreementVersion,
        Commitment,
        Municipality,
        Organisation,
        OrganisationDocument,
        Principle,
        ProgressReport,
        Signature,
    )
    from agreements.orgnr import luhn_valid
    from hok.models import User

    rng = random.Random(2019)  # noqa: S311 - generated data, not security
    stockholm = ZoneInfo("Europe/Stockholm")
    forms = [value for value, _label in Organisation.Form.choices]
    municipalities = list(Municipality.objects.order_by("position"))
    areas = list(ActivityArea.objects.order_by("position"))
    version = AgreementVersion.objects.get(is_current=True)
    principles = list(Principle.objects.filter(version=version).order_by("number"))

    def org_number(n: int) -> str:
        base = f"869{n:06d}"
        digit = next(d for d in "0123456789" if luhn_valid(base + d))
        return f"{base[:6]}-{base[6:]}{digit}"

    with transaction.atomic():
        person = User.objects.create_user(
            "genererad-bench@exempel.invalid", full_name="Genererad bench-användare"
        )
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Genererad förening {n:04d}",
                    slug=f"genererad-forening-{n:04d}",
                    org_number=org_number(n),
                    party_side=Organisation.PartySide.CIVIL_SOCIETY,
                    form=forms[n % len(forms)],
                    website=f"https://genererad-{n:04d}.example.invalid",
                    contact_email=f"kontakt-{n:04d}@example.invalid",
                    description=(
                        "Genererad testdata för prestandamätning (bench/directory.py). "
                        "Ingen riktig organisation."
                    ),
                )
                for n in range(1, ORGANISATIONS + 1)
            ],
            batch_size=BATCH,
        )
        Organisation.municipalities.through.objects.bulk_create(
            [
                Organisation.municipalities.through(organisation=org, municipality=m)
                for org in organisations
                for m in rng.sample(municipalities, rng.randint(1, 3))
            ],
            batch_size=BATCH,
        )
        Organisation.areas.through.objects.bulk_create(
            [
                Organisation.areas.through(organisation=org, activityarea=a)
                for org in organisations
                for a in rng.sample(areas, rng.randint(1, 4))
            ],
            batch_size=BATCH,
        )
        signatures = []
        for org in organisations:
            decided = datetime(2019, 3, 1, 10, tzinfo=stockholm) + timedelta(
                days=rng.randint(0, 6 * 365)
            )
            signatures.append(
                Signature(
                    organisation=org,
                    version=version,
                    text_sha256=version.text_sha256,
                    signed_by=person,
                    signer_name="Genererad undertecknare",
                    capacity=Signature.Capacity.AUTHORISED_SIGNATORY,
                    signed_at=decided - timedelta(days=rng.randint(1, 30)),
                    status=Signature.Status.APPROVED,
                    decided_by=person,
                    decided_at=decided,
                )
            )
        Signature.objects.bulk_create(signatures, batch_size=BATCH)
        commitments = Commitment.objects.bulk_create(
            [
                Commitment(
                    organisation=org,
                    principle=principles[(index + k) % len(principles)],
                    title=f"Genererat åtagande {k + 1}",
                    description="Genererad text för prestandamätning. " * 4,
                    start_year=2022,
                    created_by=person,
                )
                for index, org in enumerate(organisations)
                for k in range(COMMITMENTS_EACH)
            ],
            batch_size=BATCH,
        )
        ProgressReport.objects.bulk_create(
            [
                ProgressReport(
                    commitment=commitment,
                    year=year,
                    status=rng.choice(ProgressReport.Status.values),
                    text=f"Genererad lägesrapport för {year}. " * 3,
                    link="https://example.invalid/rapport" if year == 2024 else "",
                    reported_by=person,
                )
                for commitment in commitments
                for year in REPORT_YEARS
            ],
            batch_size=BATCH,
        )
        OrganisationDocument.objects.bulk_create(
            [
                OrganisationDocument(
                    organisation=org,
                    kind=OrganisationDocument.Kind.ANNUAL_REPORT,
                    title="Genererad årsredovisning 2024",
                    year=2024,
                    file="documents/generated/genererad.pdf",
                    size=123_456,
                    uploaded_by=person,
                )
                for org in organisations
            ],
            batch_size=BATCH,
        )
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, as autovacuum would gather them in production.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(  # noqa: T201
        f"Generated {len(organisations)} organisations, {len(commitments)} commitments, "
        f"{ProgressReport.objects.count()} progress reports."
    )


def prepare(benv: BenchEnv) -> None:
    output = benv.manage("shell", "-c", "from bench.directory import generate; generate()")
    log(output.strip().splitlines()[-1] if output.strip() else "generated")


def main(argv: Sequence[str] | None = None) -> int:
    return run(PAGES, name="directory", argv=argv, description=__doc__, prepare=prepare)


if __name__ == "__main__":
    sys.exit(main())
