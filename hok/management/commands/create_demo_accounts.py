from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hok.services import demo_accounts_ensure


class Command(BaseCommand):
    help = "DEBUG only: create one demo account per role and print how to sign in."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only created when DEBUG is on.")
        self.stdout.write("Demo accounts (development only):")
        for account in demo_accounts_ensure():
            self.stdout.write(f"  {account.role:<28} {account.email:<32} {account.password}")
        self.stdout.write(
            "The working group and admin accounts are asked to set up two-factor login "
            "(an authenticator app) before they can use their tools."
        )
