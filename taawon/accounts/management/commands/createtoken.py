"""`taawon createtoken USERNAME [--name NAME] [--expires YYYY-MM-DD] [--organisation ID]`: an
API bearer token, printed once."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taawon.accounts import queries, services
from taawon.accounts.models import TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS
from taawon.core.exceptions import DomainError


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--expires must be a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = "Create an API bearer token for a user and print it. It cannot be shown again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. 'ODK sync'.")
        parser.add_argument(
            "--expires",
            type=_date,
            default=None,
            help=(
                f"The last day the token works, YYYY-MM-DD (default: {TOKEN_DEFAULT_DAYS} days"
                f" from today; at most {TOKEN_MAX_DAYS} days)."
            ),
        )
        parser.add_argument(
            "--organisation",
            type=int,
            default=None,
            help="Id of one of the user's organisations: the token reaches only its records.",
        )

    def handle(
        self,
        *args,
        username: str,
        name: str,
        expires: datetime.date | None,
        organisation: int | None,
        **options,
    ) -> None:
        user = queries.user_by_username(username)
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; activate them first.")
        limited_to = None
        if organisation is not None:
            limited_to = queries.get_organisation(organisation)
            if limited_to is None:
                raise CommandError(f"No organisation with id {organisation}.")
        try:
            token = services.create_token(
                user=user, name=name, organisation=limited_to, expires_on=expires
            )
        except DomainError as exc:
            messages = [m for msgs in exc.field_errors.values() for m in msgs]
            raise CommandError(" ".join(messages) or str(exc.message)) from exc
        # The token alone on stdout, so that `TOKEN=$(taawon createtoken alice)` works.
        self.stdout.write(token)
        self.stderr.write(
            "Store this token now: only its digest is kept, it cannot be shown again."
        )
