import numpy as np
import pytest

from taawon.matching.geo import chord2_to_km, haversine_km, haversine_km_scalar, unit_vectors


def test_one_degree_of_latitude_is_about_111_km():
    assert haversine_km(31.0, 36.0, 32.0, 36.0) == pytest.approx(111.195, abs=0.01)


def test_amman_to_irbid_is_about_70_km():
    assert haversine_km_scalar(31.95, 35.93, 32.55, 35.85) == pytest.approx(67.0, abs=1.5)


def test_the_chord_route_gives_the_haversine_distance():
    rng = np.random.default_rng(3)
    lat1, lat2 = rng.uniform(29, 34, 500), rng.uniform(29, 34, 500)
    lon1, lon2 = rng.uniform(34, 40, 500), rng.uniform(34, 40, 500)
    a, b = unit_vectors(lat1, lon1), unit_vectors(lat2, lon2)
    chord2 = ((a - b) ** 2).sum(axis=1)
    np.testing.assert_allclose(
        chord2_to_km(chord2), haversine_km(lat1, lon1, lat2, lon2), atol=1e-6
    )


def test_the_vectorised_and_scalar_haversine_agree():
    assert haversine_km(30.5, 35.1, 32.2, 36.7) == pytest.approx(
        haversine_km_scalar(30.5, 35.1, 32.2, 36.7), rel=1e-12
    )
