"""ODK Collect's whole exchange over real HTTP against a running server (pytest-django's
live server): the bytes on the wire as ODK Collect's HTTP client (OkHttp) sends them, the key
URL and the Basic challenge it answers, form, manifest and media downloads, then the
submission and its replay. The other OpenRosa tests call the views through Django's test
client; this one would catch what only a server and a socket show (headers, multipart
framing, absolute URLs in the form list)."""

import base64
import http.client
import uuid
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree as SafeET

from .. import services
from ..models import Attachment, Submission
from .factories import JPEG, PNG, collect_token, household_form, household_xml, market_form

NS = {
    "x": "http://openrosa.org/xforms/xformsList",
    "m": "http://openrosa.org/xforms/xformsManifest",
    "r": "http://openrosa.org/http/response",
}


class Collect:
    """An HTTP client speaking as ODK Collect does: OpenRosa headers on every request, Basic
    credentials only after the server's challenge."""

    def __init__(self, base_url: str, credentials: tuple[str, str] | None = None) -> None:
        parts = urlsplit(base_url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.credentials = credentials

    def request(self, method: str, url: str, body: bytes | None = None, headers=None):
        path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        sent = {
            "X-OpenRosa-Version": "1.0",
            "Date": "Sun, 06 Dec 2026 12:00:00 GMT",
            "User-Agent": "org.odk.collect.android/v2024.3.2 okhttp/4.12.0",
            **(headers or {}),
        }
        self.conn.request(method, path, body=body, headers=sent)
        response = self.conn.getresponse()
        content = response.read()
        if response.status == 401 and self.credentials and "Authorization" not in sent:
            assert "Basic" in response.getheader("WWW-Authenticate", "")
            user, password = self.credentials
            sent["Authorization"] = (
                "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
            )
            return self.request(method, url, body, sent)
        return response, content

    def submit(self, url: str, xml: bytes, files: dict[str, tuple[str, bytes]]):
        boundary = uuid.uuid4().hex
        parts = [("xml_submission_file", "submission.xml", "text/xml", xml)]
        parts += [(name, name, kind, content) for name, (kind, content) in files.items()]
        body = (
            b"".join(
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                    f'filename="{filename}"\r\nContent-Type: {kind}\r\n'
                    f"Content-Length: {len(content)}\r\n\r\n"
                ).encode()
                + content
                + b"\r\n"
                for field, filename, kind, content in parts
            )
            + f"--{boundary}--\r\n".encode()
        )
        return self.request(
            "POST", url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_collect_over_http_with_a_key_url(live_server, personas):
    household_form(personas)
    market = market_form(personas)
    services.add_media(
        version=market.versions.get(), filename="logo.png", content=PNG, by=personas.officer
    )
    server_url = f"{live_server.url}/openrosa/key/{collect_token(personas.counsellor_a)}"
    collect = Collect(server_url)

    response, content = collect.request("GET", f"{server_url}/formList")
    assert response.status == 200 and response.getheader("X-OpenRosa-Version") == "1.0"
    forms = {
        entry.findtext("x:formID", namespaces=NS): entry
        for entry in SafeET.fromstring(content).findall("x:xform", NS)
    }
    assert set(forms) == {"household", "market"}
    for entry in forms.values():
        download = entry.findtext("x:downloadUrl", namespaces=NS)
        assert download.startswith(live_server.url)  # absolute, as ODK Collect needs
        response, xform = collect.request("GET", download)
        assert response.status == 200 and b"<h:html" in xform
    manifest_url = forms["market"].findtext("x:manifestUrl", namespaces=NS)
    response, manifest = collect.request("GET", manifest_url)
    media = SafeET.fromstring(manifest).findall("m:mediaFile", NS)
    assert [m.findtext("m:filename", namespaces=NS) for m in media] == ["logo.png"]
    response, logo = collect.request("GET", media[0].findtext("m:downloadUrl", namespaces=NS))
    assert response.status == 200 and logo == PNG

    response, _ = collect.request("HEAD", f"{server_url}/submission")
    assert response.status == 204
    assert int(response.getheader("X-OpenRosa-Accept-Content-Length")) > 1_000_000
    xml = household_xml()
    files = {"photo.jpg": ("image/jpeg", JPEG)}
    response, content = collect.submit(f"{server_url}/submission", xml, files)
    assert response.status == 201, content
    message = SafeET.fromstring(content).find("r:message", NS)
    assert message.get("nature") == "submit_success"
    response, content = collect.submit(f"{server_url}/submission", xml, files)
    assert response.status == 202
    stored = Submission.objects.get()
    assert stored.owner == personas.unit_a and stored.missing_attachments == []
    assert bytes(Attachment.objects.get().content) == JPEG


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_collect_over_http_with_user_name_and_password(live_server, personas):
    household_form(personas)
    token = collect_token(personas.counsellor_a)
    server_url = f"{live_server.url}/openrosa"
    anonymous = Collect(server_url)
    response, _ = anonymous.request("GET", f"{server_url}/formList")
    assert response.status == 401
    collect = Collect(server_url, credentials=("counsellor_a", token))
    response, content = collect.request("GET", f"{server_url}/formList")
    assert response.status == 200 and b"household" in content
    response, content = collect.submit(
        f"{server_url}/submission", household_xml(), {"photo.jpg": ("image/jpeg", JPEG)}
    )
    assert response.status == 201, content
    wrong = Collect(server_url, credentials=("counsellor_a", "tw_not-a-token"))
    response, _ = wrong.submit(f"{server_url}/submission", household_xml(), {})
    assert response.status == 401
    assert Submission.objects.count() == 1
