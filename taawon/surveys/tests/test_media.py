"""A form's media files: the page lists the files the form refers to, uploads them all or
none, refuses names the form does not use and content that is not its type; ODK Collect's
manifest offers them; a new version keeps those it still uses."""

import pytest
from defusedxml import ElementTree as SafeET
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taawon.core.exceptions import PermissionDenied, ValidationFailed

from .. import services, xforms
from ..models import FormMedia
from .factories import JPEG, PNG, collect_token, market_form

pytestmark = pytest.mark.django_db

VILLAGES = "name,label\nzaatari,Zaatari\nmafraq,المفرق\n".encode()
NS = {"m": "http://openrosa.org/xforms/xformsManifest"}


def _upload(client, form, files: dict[str, bytes]):
    return client.post(
        reverse("surveys:form_media", args=[form.pk]),
        {"files": [SimpleUploadedFile(name, content) for name, content in files.items()]},
    )


def test_the_files_a_form_refers_to_are_read_from_its_xform(personas):
    version = market_form(personas).versions.get()
    assert xforms.expected_media(version.xform) == ["logo.png", "olive.jpg", "villages.csv"]


def test_the_page_lists_missing_files_and_uploads_them(client, personas):
    form = market_form(personas)
    client.force_login(personas.officer)
    page = client.get(reverse("surveys:form_media", args=[form.pk])).content.decode()
    for name in ("logo.png", "olive.jpg", "villages.csv"):
        assert name in page
    assert page.count("Missing") == 3
    answer = _upload(client, form, {"logo.png": PNG, "villages.csv": VILLAGES})
    assert answer.status_code == 302
    stored = {m.filename: bytes(m.content) for m in FormMedia.objects.all()}
    assert stored == {"logo.png": PNG, "villages.csv": VILLAGES}
    detail = client.get(form.get_absolute_url()).content.decode()
    assert detail.count("Missing") == 1 and "olive.jpg" in detail
    download = client.get(reverse("surveys:form_media_file", args=[form.pk, "villages.csv"]))
    assert download.status_code == 200 and download.content == VILLAGES


def test_a_refused_file_keeps_the_others_out_and_says_why(client, personas):
    form = market_form(personas)
    client.force_login(personas.officer)
    answer = _upload(client, form, {"logo.png": PNG, "olive.jpg": PNG, "notes.txt": b"hello"})
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "olive.jpg: the content is not what its type says." in text
    assert "notes.txt" in text and "not a file this form uses" in text
    assert FormMedia.objects.count() == 0


def test_ar_page_lists_the_files(client, personas):
    form = market_form(personas)
    client.force_login(personas.officer)
    page = client.get(f"/ar/surveys/forms/{form.pk}/media/").content.decode()
    assert 'dir="rtl"' in page and "villages.csv" in page and "ناقص" in page


def test_odk_collect_gets_the_uploaded_files_and_a_replacement(client, personas):
    form = market_form(personas)
    version = form.versions.get()
    services.add_media(version=version, filename="olive.jpg", content=JPEG, by=personas.officer)
    token = collect_token(personas.counsellor_a)
    manifest = client.get(f"/openrosa/key/{token}/xformsManifest?formId=market")
    first = SafeET.fromstring(manifest.content).findtext("m:mediaFile/m:hash", namespaces=NS)
    replaced = JPEG + b"\x01"
    services.add_media(version=version, filename="olive.jpg", content=replaced, by=personas.officer)
    manifest = client.get(f"/openrosa/key/{token}/xformsManifest?formId=market")
    entry = SafeET.fromstring(manifest.content).find("m:mediaFile", NS)
    assert entry.findtext("m:hash", namespaces=NS) != first
    url = entry.findtext("m:downloadUrl", namespaces=NS).split("testserver")[1]
    assert client.get(url).content == replaced
    assert FormMedia.objects.count() == 1


def test_a_new_version_keeps_the_files_it_still_uses(personas):
    form = market_form(personas)
    first = form.versions.get()
    for name, content in (("logo.png", PNG), ("villages.csv", VILLAGES)):
        services.add_media(version=first, filename=name, content=content, by=personas.officer)
    market_form(personas, version="2", village_list=False)
    second = form.versions.exclude(pk=first.pk).get()
    assert {m.filename for m in second.media.all()} == {"logo.png"}
    assert {m.filename for m in first.media.all()} == {"logo.png", "villages.csv"}


def test_only_the_forms_designers_upload_and_only_its_readers_download(client, personas):
    form = market_form(personas)
    version = form.versions.get()
    with pytest.raises(PermissionDenied):
        services.add_media(
            version=version, filename="logo.png", content=PNG, by=personas.counsellor_a
        )
    with pytest.raises(ValidationFailed):
        services.add_media(version=version, filename="../logo.png", content=PNG, by=None)
    client.force_login(personas.counsellor_a)
    assert _upload(client, form, {"logo.png": PNG}).status_code == 403
    services.add_media(version=version, filename="logo.png", content=PNG, by=personas.officer)
    url = reverse("surveys:form_media_file", args=[form.pk, "logo.png"])
    assert client.get(url).status_code == 200  # counsellor A's cooperative fills it
    client.force_login(personas.counsellor_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("surveys:form_media", args=[form.pk])).status_code == 404
    assert FormMedia.objects.count() == 1


def test_the_reasons_read_in_the_pages_language(client, personas):
    form = market_form(personas)
    client.force_login(personas.officer)
    answer = client.post(
        f"/ar/surveys/forms/{form.pk}/media/",
        {"files": [SimpleUploadedFile("olive.jpg", PNG)]},
    )
    assert "olive.jpg: المحتوى لا يطابق نوع الملف." in answer.content.decode()
    assert FormMedia.objects.count() == 0
