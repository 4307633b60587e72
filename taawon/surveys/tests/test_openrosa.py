"""The OpenRosa exchange as ODK Collect performs it: form list, form download, manifest and
media, submission (with its attachments, in one request or several), re-submission of the same
instance, an edit (deprecatedID); and what is refused, with the status ODK Collect expects."""

import base64
import threading

import pytest
from defusedxml import ElementTree as SafeET
from django.db import connection
from django.test import Client

from taawon.accounts.services import revoke_token
from taawon.core.testing import threads_on_a_file_database

from .. import services
from ..models import Attachment, Revision, Submission
from .factories import (
    JPEG,
    PNG,
    collect_token,
    household_form,
    household_xml,
    market_form,
    post_submission,
)

NS = {
    "x": "http://openrosa.org/xforms/xformsList",
    "m": "http://openrosa.org/xforms/xformsManifest",
}


@pytest.fixture
def form(personas):
    return household_form(personas)


@pytest.fixture
def token(personas):
    return collect_token(personas.counsellor_a)


def test_the_exchange_as_odk_collect_performs_it(client, form, token, personas):
    base = f"/openrosa/key/{token}"
    listed = client.get(f"{base}/formList", HTTP_X_OPENROSA_VERSION="1.0")
    assert listed.status_code == 200
    assert listed["X-OpenRosa-Version"] == "1.0"
    assert listed["Content-Type"].startswith("text/xml")
    root = SafeET.fromstring(listed.content)
    entries = root.findall("x:xform", NS)
    assert [e.findtext("x:formID", namespaces=NS) for e in entries] == ["household"]
    download = entries[0].findtext("x:downloadUrl", namespaces=NS)
    assert download.endswith(f"{base}/formXml?formId=household")
    xform = client.get(download.split("testserver")[1])
    assert xform.status_code == 200 and b"<h:title>Household</h:title>" in xform.content
    assert entries[0].findtext("x:hash", namespaces=NS).startswith("md5:")

    head = client.head(f"{base}/submission")
    assert head.status_code == 204
    assert int(head["X-OpenRosa-Accept-Content-Length"]) > 0

    xml = household_xml()
    sent = post_submission(client, token, xml, {"photo.jpg": JPEG})
    assert sent.status_code == 201, sent.content
    assert b"submit_success" in sent.content and sent["X-OpenRosa-Version"] == "1.0"
    stored = Submission.objects.get()
    assert stored.owner == personas.unit_a and stored.submitted_by == personas.counsellor_a
    assert stored.data["members"][1] == {"member_name": "Huda", "member_age": "40"}
    assert stored.data["place"] == {"village": "Zaatari"}
    assert stored.missing_attachments == []
    assert bytes(Attachment.objects.get().content) == JPEG

    again = post_submission(client, token, xml, {"photo.jpg": JPEG})
    assert again.status_code == 202
    assert Submission.objects.count() == 1 and Attachment.objects.count() == 1


def test_basic_authentication_with_the_token_as_password(client, form, token):
    assert client.get("/openrosa/formList").status_code == 401
    assert "Basic" in client.get("/openrosa/formList")["WWW-Authenticate"]
    header = "Basic " + base64.b64encode(f"counsellor_a:{token}".encode()).decode()
    listed = client.get("/openrosa/formList", HTTP_AUTHORIZATION=header)
    assert listed.status_code == 200 and b"household" in listed.content
    wrong = "Basic " + base64.b64encode(b"counsellor_a:not-a-token").decode()
    assert client.get("/openrosa/formList", HTTP_AUTHORIZATION=wrong).status_code == 401


def test_a_revoked_token_signs_in_no_more(client, form, personas):
    token = collect_token(personas.counsellor_a)
    assert client.get(f"/openrosa/key/{token}/formList").status_code == 200
    row = personas.counsellor_a.api_tokens.get()
    revoke_token(token=row, revoked_by=personas.counsellor_a)
    # In a key URL, a revoked key is an unknown address.
    assert client.get(f"/openrosa/key/{token}/formList").status_code == 404


def test_attachments_sent_in_several_requests_are_gathered(client, personas, token):
    household_form(personas)
    xml = household_xml(photo="photo.jpg")
    first = post_submission(client, token, xml)
    assert first.status_code == 201
    assert Submission.objects.get().missing_attachments == ["photo.jpg"]
    second = post_submission(client, token, xml, {"photo.jpg": JPEG})
    assert second.status_code == 201
    submission = Submission.objects.get()
    assert submission.missing_attachments == []
    assert submission.attachments.count() == 1


def test_the_same_instance_id_with_other_content_is_a_conflict(client, form, token):
    xml = household_xml(instance_id="uuid:same")
    assert post_submission(client, token, xml).status_code == 201
    other = household_xml(instance_id="uuid:same", respondent="Someone else")
    refused = post_submission(client, token, other)
    assert refused.status_code == 409
    assert Submission.objects.get().data["respondent"] == "Amal"


def test_an_edit_in_collect_keeps_the_history(client, form, token):
    assert post_submission(client, token, household_xml(instance_id="uuid:v1")).status_code == 201
    edited = household_xml(instance_id="uuid:v2", deprecated_id="uuid:v1", respondent="Amal B.")
    assert post_submission(client, token, edited).status_code == 201
    submission = Submission.objects.get()
    assert submission.instance_id == "uuid:v2" and submission.data["respondent"] == "Amal B."
    revision = Revision.objects.get()
    assert revision.instance_id == "uuid:v1" and revision.data["respondent"] == "Amal"
    # The first version sent again changes nothing.
    assert post_submission(client, token, household_xml(instance_id="uuid:v1")).status_code == 202
    assert Submission.objects.count() == 1


def test_a_new_version_keeps_earlier_submissions_readable(client, personas, token):
    household_form(personas)
    assert post_submission(client, token, household_xml(version="1")).status_code == 201
    household_form(personas, version="2", extra_question=True)
    assert post_submission(client, token, household_xml(version="2")).status_code == 201
    assert post_submission(client, token, household_xml(version="1")).status_code == 201
    versions = sorted(Submission.objects.values_list("version__version", flat=True))
    assert versions == ["1", "1", "2"]


@pytest.mark.parametrize(
    ("xml", "status", "says"),
    [
        (b"<data id='household'><unclosed></data>", 400, b"not well-formed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE data [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<data id='household' version='1'><respondent>&xxe;</respondent>"
            b"<meta><instanceID>uuid:x</instanceID></meta></data>",
            400,
            b"DTD",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b"<data id='household' version='1'><respondent>&lol2;</respondent>"
            b"<meta><instanceID>uuid:y</instanceID></meta></data>",
            400,
            b"DTD",
        ),
        (
            b"<data id='household' version='1'><respondent>A</respondent><meta/></data>",
            400,
            b"instanceID",
        ),
        (household_xml(form_id="nowhere"), 404, b"unknown"),
        (household_xml(version="99"), 404, b"version"),
    ],
    ids=[
        "malformed",
        "external-entity",
        "billion-laughs",
        "no-instance-id",
        "unknown-form",
        "unknown-version",
    ],
)
def test_bad_submissions_are_refused_and_store_nothing(client, form, token, xml, status, says):
    refused = post_submission(client, token, xml)
    assert refused.status_code == status
    assert says.lower() in refused.content.lower()
    assert b"OpenRosaResponse" in refused.content
    assert Submission.objects.count() == 0


def test_an_oversized_xml_is_refused(client, form, token):
    xml = household_xml(respondent="A" * (3 * 1024 * 1024))
    assert post_submission(client, token, xml).status_code == 413
    assert Submission.objects.count() == 0


def test_an_attachment_whose_content_is_not_its_type_is_refused(client, form, token):
    refused = post_submission(client, token, household_xml(), {"photo.jpg": PNG})
    assert refused.status_code == 400 and b"not what its type says" in refused.content
    assert Submission.objects.count() == 0


def test_an_attachment_of_a_refused_type_is_refused(client, form, token):
    xml = household_xml(photo="run.exe")
    refused = post_submission(client, token, xml, {"run.exe": b"MZ" + b"\x00" * 10})
    assert refused.status_code == 400
    assert Submission.objects.count() == 0


def test_an_oversized_attachment_is_refused(client, form, token, settings):
    big = JPEG + b"\x00" * (11 * 1024 * 1024)
    refused = post_submission(client, token, household_xml(), {"photo.jpg": big})
    assert refused.status_code == 413
    assert Submission.objects.count() == 0


def test_a_closed_form_takes_no_submission_and_is_not_listed(client, form, token, personas):
    services.set_form_status(form=form, status="closed", by=personas.officer)
    assert b"household" not in client.get(f"/openrosa/key/{token}/formList").content
    assert post_submission(client, token, household_xml()).status_code == 403
    assert client.get(f"/openrosa/key/{token}/formXml?formId=household").status_code == 404
    assert Submission.objects.count() == 0


def test_a_user_of_another_organisation_may_not_fill_the_form(client, form, personas):
    token = collect_token(personas.counsellor_b)  # unit B: the form is assigned to coop A
    assert b"household" not in client.get(f"/openrosa/key/{token}/formList").content
    assert client.get(f"/openrosa/key/{token}/formXml?formId=household").status_code == 404
    assert post_submission(client, token, household_xml()).status_code == 403
    for persona in (personas.viewer_a, personas.aggregate, personas.ministry_officer):
        if not persona.memberships.exists():
            continue
        other = collect_token(persona)
        assert post_submission(client, other, household_xml()).status_code == 403
    assert Submission.objects.count() == 0


def test_the_manifest_lists_the_media_files(client, token, personas):
    version = market_form(personas).versions.get()
    services.add_media(version=version, filename="logo.png", content=PNG, by=personas.officer)
    listed = client.get(f"/openrosa/key/{token}/formList").content
    assert b"manifestUrl" in listed
    manifest = client.get(f"/openrosa/key/{token}/xformsManifest?formId=market")
    root = SafeET.fromstring(manifest.content)
    files = root.findall("m:mediaFile", NS)
    assert [f.findtext("m:filename", namespaces=NS) for f in files] == ["logo.png"]
    url = files[0].findtext("m:downloadUrl", namespaces=NS).split("testserver")[1]
    media = client.get(url)
    assert media.status_code == 200 and media.content == PNG


@pytest.fixture
def file_database():
    with threads_on_a_file_database():
        yield


# serialized_rollback: the flush after a transactional test would wipe the reference data
# (occupations, governorates) that migrations load and later tests read.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_copies_sent_at_once_store_one(personas, form, token, file_database):
    xml = household_xml(instance_id="uuid:ten")
    statuses: list[int] = []

    def send() -> None:
        try:
            statuses.append(post_submission(Client(), token, xml, {"photo.jpg": JPEG}).status_code)
        except Exception as error:  # shown in the assertion below
            statuses.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses).count(201) == 1 and statuses.count(202) == 9, statuses
    counted: list[tuple[int, int]] = []

    def count() -> None:
        # On SQLite the threads wrote to a file copy: read it from a thread too.
        counted.append(
            (Submission.objects.filter(instance_id="uuid:ten").count(), Attachment.objects.count())
        )
        connection.close()

    reader = threading.Thread(target=count)
    reader.start()
    reader.join()
    assert counted == [(1, 1)]
