"""`taawon demo`: migrate, load the demo scenario once, print the logins and serve.

Serving is two processes, the web server and the background worker (`taawon db_worker`), so
that what pages hand to a task (the permit import's check, batch duplicate detection, SMS) gets
done. Ctrl-C stops both, and so does the end of either.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from taawon.accounts.models import User
from taawon.core.exceptions import DomainError
from taawon.demo import credentials, reset, scenario
from taawon.demo.population import VARIATIONS
from taawon.indicators import summary


def _quarter(loaded: scenario.Loaded) -> str:
    """The brief's table as the demo gives it back (the unit indicators page opens on it)."""
    figures = scenario.brief_quarter(loaded)

    def persons(code: str, what: str) -> str:
        i = figures[code]
        if not i.value:
            return f"0 {what}"
        shares = f"{i.syrian_percent:.1f}% Syrian, {i.women_percent:.1f}% women"
        return f"{i.value:,} {what} ({shares})"

    return (
        f"The brief's quarter, {figures.start:%d %B %Y} to {figures.end:%d %B %Y}: "
        f"{figures['farms_visited'].value:,} farms visited, "
        f"{figures['jobs_secured'].value:,} jobs secured, "
        f"{persons('registered', 'job seekers registered')}, {persons('placed', 'placed')}."
    )


# --scale multiplies the persons; past this the identifier serials would repeat.
MAX_SCALE = 5000
DEFAULT_ADDRESS = "127.0.0.1:8000"
# Seconds each process is given to stop before it is killed.
STOP_WAIT = 10


class Command(BaseCommand):
    help = "Load the demo data (once) and serve Taawon on http://127.0.0.1:8000/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the data and stop; do not serve."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply the 1,620 job seekers of the brief (1000 gives about 1.6 million).",
        )
        parser.add_argument(
            "--seed", type=int, default=scenario.DEFAULT_SEED, help="Random seed (default 2020)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete all organisations, users and their records first, then load again.",
        )
        parser.add_argument(
            "--addrport", default=DEFAULT_ADDRESS, help="Where to serve (default 127.0.0.1:8000)."
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Serve without the background worker (start `taawon db_worker` yourself).",
        )

    def handle(self, *args, **options) -> None:
        if not 0 < options["scale"] <= MAX_SCALE:
            raise CommandError(f"--scale must be more than 0 and at most {MAX_SCALE}.")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database is up to date.")

        if options["reset"]:
            tables = reset.empty_domain_tables()
            self.stdout.write(f"Reset: emptied {len(tables)} tables (reference data kept).")

        usernames = [plan.username for plan in scenario.USERS]
        passwords, generated = credentials.ensure(usernames)
        if scenario.exists():
            self.stdout.write(
                "Demo data is already loaded; skipping (use --reset to load it again)."
            )
            self._reset_generated_passwords(passwords, generated)
        else:
            self._load(passwords, scale=options["scale"], seed=options["seed"])

        self._print_logins(passwords, options["addrport"])
        if options["no_serve"]:
            return
        if settings.SESSION_COOKIE_SECURE:
            self.stderr.write(
                self.style.WARNING(
                    "Session cookies are set to HTTPS only, so logging in over plain HTTP will "
                    "not work. Start the demo with TAAWON_DEMO=1 (make demo does)."
                )
            )
        self._serve(options["addrport"], worker=not options["no_worker"])

    def _serve(self, addrport: str, *, worker: bool) -> None:
        # WhiteNoise serves the static files (straight from the apps in the demo); DEBUG stays off.
        taawon = [sys.executable, "-m", "taawon"]
        commands = {"server": [*taawon, "runserver", addrport, "--noreload"]}
        if worker:
            commands["worker"] = [*taawon, "db_worker"]
            self.stdout.write("Starting the web server and the background worker (Ctrl-C: stop).")
        processes = {name: subprocess.Popen(command) for name, command in commands.items()}

        def stop_on_terminate(signum, frame) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop_on_terminate)
        ended: list[str] = []
        try:
            while True:
                ended = [name for name, process in processes.items() if process.poll() is not None]
                if ended:
                    self.stderr.write(f"The {ended[0]} stopped; stopping the demo.")
                    break
                time.sleep(0.5)
        except KeyboardInterrupt:
            self.stdout.write("Stopping the web server and the background worker.")
        finally:
            signal.signal(signal.SIGTERM, previous)
            _stop(list(processes.values()))
        failed = [process.returncode for process in processes.values() if process.returncode]
        if ended and any(code > 0 for code in failed):
            raise CommandError("The demo stopped because one of its processes failed.")

    def _load(self, passwords: dict[str, str], *, scale: float, seed: int) -> None:
        persons = max(1, round(scenario.PERSONS * scale))
        self.stdout.write(f"Loading the demo scenario with {persons:,} job seekers (seed {seed})…")
        started = time.perf_counter()
        step = max(10_000, persons // 20)
        mark = [step]

        def progress(done: int) -> None:
            if done >= mark[0] and done < persons:
                self.stdout.write(f"  {done:,} / {persons:,} persons")
                mark[0] += step

        try:
            loaded = scenario.load(
                passwords=passwords, persons=persons, seed=seed, progress=progress
            )
        except (DomainError, IntegrityError) as exc:
            detail = f"{exc} {getattr(exc, 'field_errors', '') or ''}".strip()
            raise CommandError(
                f"Could not load the demo data ({detail}). Does the database hold other data "
                "(a user named like a demo user)? --reset empties it first."
            ) from exc
        # The demo's records folded into the indicators' summary now, not by the first
        # dashboard opened.
        summary.catch_up()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(loaded.cooperatives)} cooperatives with their employment units and "
                f"{loaded.persons:,} job seekers in {elapsed:.1f} s."
            )
        )
        work = loaded.employment
        if work is not None:
            self.stdout.write(
                f"The units' work: {work.employers} employers, {work.visits} farm visits, "
                f"{work.vacancies} vacancies ({work.positions} positions), {work.job_seekers} "
                f"job seeker profiles, {work.referrals} referrals, {work.placements} placements, "
                f"{work.follow_ups} follow-ups, {work.awareness_sessions} awareness sessions."
            )
            self.stdout.write(_quarter(loaded))
        if loaded.permits is not None:
            permits = loaded.permits
            self.stdout.write(
                f"Work permits: {permits.permits:,} for {permits.holders:,} Syrian holders since "
                f"2016 ({permits.women:,} to women), {permits.expiring_30_days} expiring within "
                "30 days."
            )
        if loaded.complaints is not None:
            self.stdout.write(
                f"Complaints and feedback: {loaded.complaints.complaints} in the six units, "
                f"{loaded.complaints.sensitive} sensitive (read by focal_mafraq for Mafraq and "
                "by the country office); the public form is at /ar/feedback/."
            )
        if loaded.training is not None:
            done = loaded.training
            self.stdout.write(
                f"Training: {done.representatives} cooperative representatives trained on "
                f"Think.coop and Start.coop, {done.trainers} trainers certified online on My.Coop; "
                f"their cascade reached {done.second_generation} people in the second "
                f"generation and {done.third_generation} in the third ({done.events} events, "
                f"{done.certificates} certificates) at /en/training/."
            )
        if loaded.grants is not None:
            g = loaded.grants
            self.stdout.write(
                f"Grants: {g.funded} joint ventures funded in Jordan, JOD {g.awarded_jod:,.0f} "
                f"in all, {g.jobs_men + g.jobs_women} jobs ({g.jobs_men} men, {g.jobs_women} "
                f"women); {g.sse_initiatives} SSE initiatives in Lebanon (officer_lb, acted_lb); "
                "this year's call waits for the scores of `reviewer`."
            )
        if loaded.planted:
            self.stdout.write(
                f"{len(loaded.planted)} people were registered twice, in two units; for example:"
            )
            units = {org.pk: org.name_en for org in loaded.organisations.values()}
            for pair in loaded.planted[: len(VARIATIONS)]:
                self.stdout.write(f"  {VARIATIONS[pair.variation]}:")
                for record in (pair.original, pair.duplicate):
                    self.stdout.write(
                        f"    #{record.pk} {_name(record.values)} ({units[record.owner_id]})"
                    )

    def _reset_generated_passwords(self, passwords: dict[str, str], generated: set[str]) -> None:
        """Users whose password was lost with var/ get the new one just generated."""
        users = User.objects.filter(username__in=sorted(generated))
        with transaction.atomic():
            for user in users:
                user.set_password(passwords[user.username])
                user.save(update_fields=["password"])
        if users:
            self.stdout.write("New passwords were generated for: " + ", ".join(sorted(generated)))

    def _print_logins(self, passwords: dict[str, str], addrport: str) -> None:
        rows = scenario.logins(passwords)
        header = ("Username", "Role", "Organisation", "Password")
        widths = [
            max(len(header[i]), *(len(value) for value in self._cells(rows, i)))
            for i in range(len(header))
        ]
        line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
        self.stdout.write("")
        self.stdout.write(line)
        self.stdout.write("-" * len(line))
        for row in rows:
            cells = (row.username, row.role, row.organisation, row.password)
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
        self.stdout.write("")
        self.stdout.write(f"Passwords are kept in {credentials.path()}.")
        host = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
        self.stdout.write(
            f"Log in at http://{host}/en/ (English), http://{host}/ar/ (Arabic) "
            f"or http://{host}/ckb/ (Sorani Kurdish)."
        )

    @staticmethod
    def _cells(rows, index: int) -> list[str]:
        return [
            (row.username, row.role, row.organisation, row.password)[index] for row in rows
        ] or [""]


def _stop(processes: list[subprocess.Popen]) -> None:
    """Ask each process to stop, and kill those still running after a while."""
    # SIGTERM, not SIGINT: a process started in the background by a shell ignores SIGINT.
    # The worker finishes its current task first; the web server stops at once.
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_WAIT
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _name(values: dict) -> str:
    for script in ("en", "ar"):
        parts = [values[f"{part}_name_{script}"] for part in ("given", "father", "family")]
        if any(parts):
            return " ".join(p for p in parts if p)
    return ""
