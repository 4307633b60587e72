import io

import hxl
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook


def export_url(name: str, lang: str = "en", **params) -> str:
    with translation.override(lang):
        url = reverse(f"exports:{name}")
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


def workbook_rows(response) -> list[list]:
    """The rows (header first) of an XLSX response, as openpyxl reads them."""
    body = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def workbook_cells(response):
    body = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(body)).active


def hxl_rows(response) -> tuple[list[str], list]:
    """The hashtags and rows of a CSV response, as the HXL library reads them."""
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    source = hxl.data(io.BytesIO(body), hxl.InputOptions(allow_local=True))
    return [column.display_tag for column in source.columns], list(source)


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login
