"""`taawon createtoken USERNAME [--name NAME]`: an API bearer token, printed once."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taawon.accounts import queries, services
from taawon.core.exceptions import DomainError


class Command(BaseCommand):
    help = "Create an API bearer token for a user and print it. It cannot be shown again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. 'ODK sync'.")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = queries.user_by_username(username)
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; activate them first.")
        try:
            token = services.create_token(user=user, name=name)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        # The token alone on stdout, so that `TOKEN=$(taawon createtoken alice)` works.
        self.stdout.write(token)
        self.stderr.write(
            "Store this token now: only its digest is kept, it cannot be shown again."
        )
