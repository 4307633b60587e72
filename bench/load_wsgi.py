"""The WSGI application gunicorn serves in the load test: Taawon's own, with the benchmarks'
static files setting (bench.setup_django: the apps' files linked as they are, since no
collectstatic runs for a benchmark; the load test requests pages and the API, never static
files)."""

from bench import setup_django

setup_django()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
