"""Every list's export, on the access matrix's world (one record of every kind on side A,
canary-named ones on sides B and L): it opens in openpyxl, parses with the HXL library, holds
side A's rows, and none of the other sides' (names included)."""

from django.test import Client, TestCase, override_settings

from taawon.exports.registry import REGISTRY
from taawon.tests.access.world import CANARIES, build_world

from .conftest import export_url, hxl_rows, workbook_rows

# The world's one issued permit expired long ago: this list is empty there (test_views fills it).
# Its job seekers are adults: no young worker was placed (employment's test_protection fills it).
EMPTY_IN_THE_WORLD = {"expiring_permits", "young_workers"}
# Who reads each list on side A: the unit's counsellor, for the ministry's imports its officer,
# and for a cooperative's grant applications and awards the cooperative's administrator.
READER = {
    "permit_imports": "ministry_officer",
    "grant_applications": "admin_a",
    "grant_awards": "admin_a",
}
EXPECTED = {
    "people",
    "job_seekers",
    "employers",
    "visits",
    "vacancies",
    "placements",
    "young_workers",
    "awareness",
    "campaigns",
    "permits",
    "expiring_permits",
    "permit_imports",
    "duplicate_pairs",
    "complaints",
    "training_events",
    "training_participants",
    "training_trainers",
    "training_courses",
    "survey_forms",
    "survey_submissions",
    "grant_calls",
    "grant_applications",
    "grant_awards",
}


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class EveryList(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()

    def client_for(self, name: str) -> Client:
        client = Client()
        client.force_login(getattr(self.world.personas, READER.get(name, "counsellor_a")))
        return client

    def test_every_list_page_has_an_export(self):
        assert set(REGISTRY) == EXPECTED

    def test_each_export_opens_in_openpyxl_without_the_other_sides(self):
        for name, export in REGISTRY.items():
            with self.subTest(name):
                identified = "1" if export.person_level else ""
                params = {"identified": identified} if identified else {}
                if name == "expiring_permits":
                    params["days"] = 3650
                response = self.client_for(name).get(export_url(name, **params))
                assert response.status_code == 200, response.status_code
                rows = workbook_rows(response)
                assert rows[0] == [str(c.header) for c in export.columns]
                if name not in EMPTY_IN_THE_WORLD:
                    assert len(rows) > 1, "side A has a record of every kind"
                text = repr(rows)
                for canary in CANARIES:
                    assert canary not in text

    def test_each_csv_parses_with_hxl(self):
        for name, export in REGISTRY.items():
            with self.subTest(name):
                params = {"format": "csv"}
                if export.person_level:
                    params["identified"] = "1"
                if name == "expiring_permits":
                    params["days"] = 3650
                tags, rows = hxl_rows(self.client_for(name).get(export_url(name, **params)))
                assert tags == [c.hxl for c in export.columns]
                assert bool(rows) is (name not in EMPTY_IN_THE_WORLD)
                text = repr([row.values for row in rows])
                for canary in CANARIES:
                    assert canary not in text
                # Asked for, and allowed: the identifying columns are filled.
                named = [i for i, column in enumerate(export.columns) if column.identifying]
                for row in rows if named else ():
                    assert any(row.values[i] for i in named)

    def test_pseudonymised_exports_name_no_one(self):
        for name, export in REGISTRY.items():
            if not export.person_level:
                continue
            with self.subTest(name):
                params = {"format": "csv"}
                if name == "expiring_permits":
                    params["days"] = 3650
                tags, rows = hxl_rows(self.client_for(name).get(export_url(name, **params)))
                assert tags == [c.hxl for c in export.columns if not c.identifying]
                assert not any(tag.startswith("#person+name") for tag in tags)
                assert "#contact+phone" not in tags
                if name in ("people", "job_seekers", "permits"):
                    # Side A's persons are named SIDEA (its farms too, in other lists).
                    text = repr([row.values for row in rows])
                    assert "SIDEA" not in text and "جانبأ" not in text
                    assert all(row.get("#person+code").startswith("P-") for row in rows)
