"""Governorate centroids for the bubble map, from the geo reference data."""

from __future__ import annotations

import pytest

from taawon.reports.maps import country_outline, governorate_centroids

pytestmark = pytest.mark.django_db


def test_a_governorate_is_found_by_id_pcode_and_iso_code():
    from taawon.geo.queries import governorates

    amman = governorates("JO").get(pcode="JO11")
    centroids = governorate_centroids("JO")
    assert centroids["JO11"] == centroids["JO-AM"] == centroids[str(amman.pk)] == (31.72, 36.25)
    assert "LB1" not in centroids and not any(k.startswith("IQ") for k in centroids)


def test_the_outline_holds_every_centroid_of_the_country_once():
    outline = country_outline("JO")
    assert len(outline) == 12
    assert (31.72, 36.25) in outline
