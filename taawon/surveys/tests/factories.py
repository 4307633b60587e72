"""Forms and submissions for the tests: a small XLSForm with a group, a repeat and a photo,
real submission XML as ODK Collect writes it, and posting it as ODK Collect does."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import SimpleUploadedFile

from taawon.accounts.services import create_token

from .. import services
from ..workbook import xlsx

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100

L = ["label::English (en)", "label::Arabic (ar)"]


def household_sheets(version: str = "1", extra_question: bool = False) -> dict:
    survey = [
        ["type", "name", *L, "required"],
        ["text", "respondent", "Respondent", "المستجيب", "yes"],
        ["select_one yes_no", "works", "Works?", "يعمل؟", ""],
        ["begin_group", "place", "Place", "المكان", ""],
        ["text", "village", "Village", "القرية", ""],
        ["end_group", "", "", "", ""],
        ["begin_repeat", "members", "Members", "الأفراد", ""],
        ["text", "member_name", "Member's name", "اسم الفرد", ""],
        ["integer", "member_age", "Age", "العمر", ""],
        ["end_repeat", "", "", "", ""],
        ["image", "photo", "Photo", "صورة", ""],
    ]
    if extra_question:
        survey.insert(2, ["text", "phone", "Phone", "الهاتف", ""])
    return {
        "survey": survey,
        "choices": [
            ["list_name", "name", *L],
            ["yes_no", "yes", "Yes", "نعم"],
            ["yes_no", "no", "No", "لا"],
        ],
        "settings": [["form_id", "version", "form_title"], ["household", version, "Household"]],
    }


def market_sheets(version: str = "1", *, village_list: bool = True) -> dict:
    """A form that refers to media files: a label's image, a choice's image and, unless
    `village_list` is False, a CSV of villages for select_one_from_file."""
    survey = [
        ["type", "name", *L, "media::image"],
        ["note", "welcome", "Welcome", "أهلاً", "logo.png"],
        ["select_one crops", "crop", "Crop", "المحصول", ""],
    ]
    if village_list:
        survey.append(["select_one_from_file villages.csv", "village", "Village", "القرية", ""])
    return {
        "survey": survey,
        "choices": [
            ["list_name", "name", *L, "media::image"],
            ["crops", "olive", "Olive", "زيتون", "olive.jpg"],
            ["crops", "wheat", "Wheat", "قمح", ""],
        ],
        "settings": [["form_id", "version", "form_title"], ["market", version, "Market"]],
    }


def market_form(personas, *, version: str = "1", **kwargs):
    uploaded = services.upload_form(
        owner=personas.country_office,
        content=xlsx(market_sheets(version, **kwargs)),
        uploaded_by=personas.officer,
        assigned=[personas.coop_a],
        validate=False,
    )
    return uploaded.form


def household_form(personas, *, version: str = "1", validate: bool = False, **kwargs):
    content = xlsx(household_sheets(version, **kwargs))
    uploaded = services.upload_form(
        owner=personas.country_office,
        content=content,
        uploaded_by=personas.officer,
        assigned=[personas.coop_a],
        validate=validate,
    )
    return uploaded.form


def household_xml(
    *,
    instance_id: str | None = None,
    respondent: str = "Amal",
    version: str = "1",
    photo: str = "photo.jpg",
    deprecated_id: str = "",
    members=(("Omar", "12"), ("Huda", "40")),
    form_id: str = "household",
) -> bytes:
    instance_id = instance_id or f"uuid:{uuid.uuid4()}"
    members_xml = "".join(
        f"<members><member_name>{n}</member_name><member_age>{a}</member_age></members>"
        for n, a in members
    )
    deprecated = f"<deprecatedID>{deprecated_id}</deprecatedID>" if deprecated_id else ""
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'xmlns:orx="http://openrosa.org/xforms" id="{form_id}" version="{version}">'
        f"<respondent>{respondent}</respondent><works>yes</works>"
        f"<place><village>Zaatari</village></place>{members_xml}<photo>{photo}</photo>"
        f"<meta><instanceID>{instance_id}</instanceID>{deprecated}</meta></data>"
    ).encode()


def collect_token(user, organisation=None) -> str:
    return create_token(user=user, name="ODK Collect", organisation=organisation)


def post_submission(client, token: str, xml: bytes, files: dict[str, bytes] | None = None):
    """POST as ODK Collect does: multipart, the instance as xml_submission_file."""
    data = {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, "text/xml")}
    for name, content in (files or {}).items():
        data[name] = SimpleUploadedFile(name, content, "application/octet-stream")
    return client.post(
        f"/openrosa/key/{token}/submission",
        data,
        HTTP_X_OPENROSA_VERSION="1.0",
    )


def survey_records(*, coop, counsellor, tag: str, tag_ar: str) -> dict:
    """A form of `coop` (assigned to it) and a submission of `counsellor`'s unit with a photo,
    carrying the side's canary: the access matrix's records of surveys."""
    from .. import services as survey_services

    sheets = household_sheets()
    form_id = f"matrix_{tag.lower()}"
    sheets["settings"] = [["form_id", "version", "form_title"], [form_id, "1", f"{tag} survey"]]
    sheets["survey"] = [[*row, ""] for row in sheets["survey"]]
    sheets["survey"][0][-1] = "media::image"
    sheets["survey"].append(["note", "logo", "Logo", "الشعار", "", "logo.png"])
    version = survey_services.upload_form(
        owner=coop, content=xlsx(sheets), uploaded_by=None, assigned=[coop], validate=False
    )
    survey_services.add_media(version=version, filename="logo.png", content=PNG, by=None)
    form = version.form
    receipt = survey_services.receive_submission(
        xml=household_xml(form_id=form_id, respondent=f"{tag} {tag_ar}"),
        files={"photo.jpg": ("image/jpeg", JPEG)},
        user=counsellor,
    )
    return {
        "survey_form": form.pk,
        "survey_form_id": form_id,
        "survey_submission": receipt.submission.pk,
        "survey_file": "photo.jpg",
        "survey_media_file": "logo.png",
        "collect_key": "not-a-token",
    }
