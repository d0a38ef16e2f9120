from django.core.management.base import BaseCommand

from agreements.services import agreement_load_seed
from dialogues.services.seed import conference_load_seed
from surveys.services.seed import survey_load_seed


class Command(BaseCommand):
    help = (
        "Load the real documents (the agreement, the 2020 survey, the 2021 conference) into the "
        "database. Safe to run again."
    )

    def handle(self, *args: object, **options: object) -> None:
        version, created = agreement_load_seed()
        state = "loaded" if created else "already present"
        self.stdout.write(f"Agreement version {version.number}: {state} ({version.text_sha256}).")
        self.stdout.write(
            f"Survey 2020: {'loaded' if survey_load_seed()[1] else 'already present'}."
        )
        self.stdout.write(
            f"Conference 2021: {'loaded' if conference_load_seed()[1] else 'already present'}."
        )
