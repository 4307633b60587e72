"""`taawon revoketoken PREFIX` or `taawon revoketoken --user USERNAME`: stop tokens working."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taawon.accounts import queries, services


class Command(BaseCommand):
    help = (
        "Revoke an API token by its prefix (the first 10 characters, e.g. tw_AbC1234) "
        "or the whole token, or every active token of a user with --user."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token", nargs="?", help="The token or its first 10 characters.")
        parser.add_argument("--user", dest="username", help="Revoke all of this user's tokens.")

    def handle(self, *args, token: str | None, username: str | None, **options) -> None:
        if bool(token) == bool(username):
            raise CommandError("Give either a token (or its prefix) or --user USERNAME.")
        if username:
            user = queries.user_by_username(username)
            if user is None:
                raise CommandError(f"No user named {username!r}.")
            rows = list(queries.active_tokens(user=user))
        else:
            rows = list(queries.active_tokens(token=token))
            if not rows:
                raise CommandError(f"No active token matches {token!r}.")
            if len(rows) > 1:
                # Prefixes are short; refusing beats revoking someone else's token.
                raise CommandError(
                    f"{len(rows)} active tokens share the prefix {token!r}; give the whole token."
                )
        for row in rows:
            services.revoke_token(token=row, revoked_by=None)
            self.stdout.write(f"Revoked {row.prefix}… of {row.user.username}.")
        if not rows:
            self.stdout.write("No active tokens to revoke.")
