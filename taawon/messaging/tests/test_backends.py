import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from ..backends import BACKENDS, Outgoing, SendError, get_backend
from ..backends.log import LogBackend
from ..backends.sms_http import HttpSmsBackend

MESSAGE = Outgoing(reference="7", to="+962791234567", body="تصريحك ينتهي قريبا", language="ar")


def test_the_configured_backend_is_log_by_default(settings):
    assert settings.MESSAGE_BACKEND == "log"
    assert isinstance(get_backend(), LogBackend)


def test_every_registered_backend_names_itself_as_registered(gateway):
    for name in BACKENDS:
        assert get_backend(name).name == name


def test_an_unknown_backend_name_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="carrier_pigeon"):
        get_backend("carrier_pigeon")


def test_the_log_backend_logs_the_message_with_the_phone_masked(caplog):
    with caplog.at_level(logging.INFO, logger="taawon.messaging"):
        assert LogBackend().send(MESSAGE) == ""
    assert "تصريحك ينتهي قريبا" in caplog.text
    assert "…567" in caplog.text
    assert "+962791234567" not in caplog.text


def test_the_http_gateway_receives_json_with_the_bearer_token(gateway):
    reference = HttpSmsBackend().send(MESSAGE)

    assert reference == "gw-1"
    [request] = gateway.requests
    assert request["authorization"] == "Bearer gateway-test-token"
    assert request["content_type"].startswith("application/json")
    assert request["json"] == {
        "to": "+962791234567",
        "body": "تصريحك ينتهي قريبا",
        "language": "ar",
        "reference": "7",
    }


def test_a_refusal_by_the_gateway_is_permanent_and_an_outage_is_not(gateway):
    gateway.status = 400
    with pytest.raises(SendError) as refused:
        HttpSmsBackend().send(MESSAGE)
    gateway.status = 503
    with pytest.raises(SendError) as down:
        HttpSmsBackend().send(MESSAGE)
    gateway.status = 429
    with pytest.raises(SendError) as throttled:
        HttpSmsBackend().send(MESSAGE)

    assert refused.value.permanent
    assert not down.value.permanent
    assert not throttled.value.permanent


def test_an_unreachable_gateway_is_worth_another_try(gateway):
    url = gateway.url
    gateway.close()
    with pytest.raises(SendError) as caught:
        HttpSmsBackend(url=url, token="t").send(MESSAGE)
    assert not caught.value.permanent


def test_the_http_backend_needs_a_url_and_a_token_and_https_beyond_this_machine(monkeypatch):
    monkeypatch.delenv("TAAWON_SMS_GATEWAY_URL", raising=False)
    monkeypatch.delenv("TAAWON_SMS_GATEWAY_TOKEN", raising=False)
    with pytest.raises(ImproperlyConfigured):
        HttpSmsBackend()
    with pytest.raises(ImproperlyConfigured):
        HttpSmsBackend(url="https://sms.example.org/send", token="")
    with pytest.raises(ImproperlyConfigured, match="https"):
        HttpSmsBackend(url="http://sms.example.org/send", token="t")
    assert HttpSmsBackend(url="https://sms.example.org/send", token="t").name == "sms_http"
