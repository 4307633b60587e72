"""A property test over every operation of the OpenAPI document (schemathesis): whatever the
generated input, and whoever sends it, the API answers without a server error and with a body
that matches the document.

Through the WSGI application in this process (the test database, no server), a few examples
per operation with a fixed seed, so that the suite stays fast and a failure repeats.
"""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from taawon.accounts import services as account_services

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# The personas of core/testing.py that send the requests, every kind of reach, in two groups:
# each example goes out as one group, the next as the other, so that the two examples of an
# operation reach it as all six (a third of the calls of sending every example as everyone).
SENDERS = (
    ("admin", "counsellor_a", "outsider"),
    ("officer", "ministry_officer", "viewer_a"),
)
EXAMPLES = 2
_turn = itertools.count()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request, as in production;
    the test's transaction lives on it (on PostgreSQL), so keep it open, as Django's test
    client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(personas) -> dict[str, str]:
    return {
        name: account_services.create_token(user=getattr(personas, name), name="fuzz")
        for group in SENDERS
        for name in group
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_without_a_server_error_and_as_documented(case, tokens):
    for name in SENDERS[next(_turn) % len(SENDERS)]:
        response = case.call(headers={"Authorization": f"Bearer {tokens[name]}"})
        case.validate_response(
            response,
            checks=[not_a_server_error, response_schema_conformance],
        )
        assert response.status_code < 500, (name, response.status_code, response.text[:500])
