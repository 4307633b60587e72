"""Settings are secure by default: they come from the environment and fail fast when missing."""

import os
import subprocess
import sys

import pytest

KEY = "Mr7c-xSzXpj38JeHrl8Hn8ZuHl2v6zuF6GHjIRTSjRE="


def _settings_in_subprocess(
    env: dict[str, str], expression: str, tmp_path
) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TAAWON_")}
    clean.update({"DJANGO_SETTINGS_MODULE": "taawon.settings", "TAAWON_VAR_DIR": str(tmp_path)})
    clean.update(env)
    code = f"from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, cwd=tmp_path
    )


def test_it_refuses_to_start_without_a_secret_key(tmp_path):
    result = _settings_in_subprocess({"TAAWON_FIELD_KEYS": KEY}, "settings.SECRET_KEY", tmp_path)
    assert result.returncode != 0
    assert "TAAWON_SECRET_KEY is required" in result.stderr


def test_it_refuses_to_start_without_field_encryption_keys(tmp_path):
    result = _settings_in_subprocess({"TAAWON_SECRET_KEY": "s"}, "settings.FIELD_KEYS", tmp_path)
    assert result.returncode != 0
    assert "TAAWON_FIELD_KEYS is required" in result.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    env = {"TAAWON_SECRET_KEY": "s", "TAAWON_FIELD_KEYS": KEY}
    assert _settings_in_subprocess(env, "settings.DEBUG", tmp_path).stdout.strip() == "False"
    env["TAAWON_DEBUG"] = "1"
    assert _settings_in_subprocess(env, "settings.DEBUG", tmp_path).stdout.strip() == "True"


def test_a_malformed_boolean_is_an_error_not_a_guess(tmp_path):
    env = {"TAAWON_SECRET_KEY": "s", "TAAWON_FIELD_KEYS": KEY, "TAAWON_DEBUG": "maybe"}
    result = _settings_in_subprocess(env, "settings.DEBUG", tmp_path)
    assert result.returncode != 0
    assert "TAAWON_DEBUG must be a boolean" in result.stderr


def test_the_demo_generates_its_keys_once_under_var(tmp_path):
    env = {"TAAWON_DEMO": "1"}
    first = _settings_in_subprocess(env, "settings.SECRET_KEY, settings.FIELD_KEYS", tmp_path)
    second = _settings_in_subprocess(env, "settings.SECRET_KEY, settings.FIELD_KEYS", tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert (tmp_path / "secret_key").exists() and (tmp_path / "field_key").exists()


def test_the_default_database_is_an_sqlite_file_under_var(tmp_path):
    env = {"TAAWON_SECRET_KEY": "s", "TAAWON_FIELD_KEYS": KEY}
    result = _settings_in_subprocess(env, "settings.DATABASES['default']['NAME']", tmp_path)
    assert result.stdout.strip() == str(tmp_path / "var" / "taawon.sqlite3")


@pytest.mark.parametrize("url", ["postgres://u@db.example:5432/taawon"])
def test_postgresql_is_chosen_by_url(tmp_path, url):
    env = {"TAAWON_SECRET_KEY": "s", "TAAWON_FIELD_KEYS": KEY, "TAAWON_DATABASE_URL": url}
    result = _settings_in_subprocess(env, "settings.DATABASES['default']['ENGINE']", tmp_path)
    assert result.stdout.strip() == "django.db.backends.postgresql"
