from django.core.management.base import BaseCommand

from search.indexing import index_rebuild


class Command(BaseCommand):
    help = "Index every public document again (the index is otherwise kept current on write)."

    def handle(self, *args: object, **options: object) -> None:
        counts = index_rebuild()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Indexed {sum(counts.values())} documents."))
