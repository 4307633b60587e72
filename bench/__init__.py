"""Benchmarks: `make bench` runs every bench_*.py module here and writes bench/results.json."""


def setup_django() -> None:
    """Set Django up for a benchmark process: the project's settings, and the apps' own static
    files linked by pages (no collectstatic runs here, so a manifest's hashed names are not
    there to link)."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawon.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
