"""Splink (DuckDB) on the FEBRL data sets: the anchor that duplicate detection is measured
against in bench_dedupe_quality. The model is set up as in Splink's own FEBRL examples
(names, date of birth, social security number, address, postcode; blocking on single fields;
u by random sampling, m by expectation maximisation on two blockings), and pairs at or above
the one fixed match probability are predicted.

`predict_registry` sets the same kind of model up on the generated registry of Arab names
(the names in Latin letters, date of birth, phone, district, sex), as a user of Splink would
on such a registry: how it does on twins is what its FEBRL lead costs."""

from __future__ import annotations

import logging

import pandas as pd

THRESHOLD = 0.5


def _prepare(df: pd.DataFrame, source: str | None = None) -> pd.DataFrame:
    out = df.reset_index().rename(columns={"rec_id": "unique_id"})
    for column in out.columns:
        out[column] = out[column].astype("string").str.strip().replace({"": pd.NA})
    out["name_concat"] = out["given_name"].fillna("") + " " + out["surname"].fillna("")
    if source is not None:
        out["source_dataset"] = source
    return out


def _train_and_predict(linker, deterministic, em_blockings, threshold: float) -> set[frozenset]:
    """Splink's training as in its FEBRL examples, then the pairs at `threshold` or above."""
    linker.training.estimate_probability_two_random_records_match([deterministic], recall=0.7)
    settings_obj = linker._settings_obj
    if not settings_obj._probability_two_random_records_match > 0:
        # No exact match in a tiny sample (the smoke run): Splink's own default prior.
        settings_obj._probability_two_random_records_match = 0.0001
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    for blocking in em_blockings:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(blocking)
        except ValueError:
            # A tiny sample (the smoke run) leaves a level unobserved: Splink then predicts
            # with the m values it has (its defaults for the rest), as it warns.
            logging.getLogger(__name__).warning("Splink EM step skipped on this sample")
    result = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    return {
        frozenset((str(left), str(right)))
        for left, right in zip(result["unique_id_l"], result["unique_id_r"], strict=True)
    }


def predict(
    frames: list[pd.DataFrame], *, threshold: float = THRESHOLD, taawon_fields: bool = False
) -> set[frozenset]:
    """Pairs of record ids (rec_id) Splink predicts, deduplicating one frame or linking two.

    With `taawon_fields`, Splink reads only what Taawon's matcher reads of a FEBRL record
    (names, date of birth, social security number, postcode, state): no street address,
    street number or suburb, which a person registry in Jordan does not hold."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    link = len(frames) == 2
    # What a FEBRL record holds beyond a Taawon record's fields.
    address = [
        cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
        cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
        cl.JaroWinklerAtThresholds("suburb", [0.9]),
    ]
    db_api = DuckDBAPI()
    prepared = [_prepare(df, source=f"f{i}" if link else None) for i, df in enumerate(frames)]
    tables = [
        db_api.register(df, dataset_display_name=f"febrl_{i}") for i, df in enumerate(prepared)
    ]
    settings = SettingsCreator(
        link_type="link_only" if link else "dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("postcode") if taawon_fields else block_on("postcode", "street_number"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison(
                "given_name", "surname", forename_surname_concat_col_name="name_concat"
            ),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.LevenshteinAtThresholds("postcode", [1]),
            *([] if taawon_fields else address),
            cl.ExactMatch("state"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(tables if link else tables[0], settings, log_level=logging.WARNING)
    return _train_and_predict(
        linker,
        block_on("given_name", "surname", "date_of_birth"),
        (block_on("date_of_birth"), block_on("surname")),
        threshold,
    )


def predict_registry(records: dict, *, threshold: float = THRESHOLD) -> set[frozenset]:
    """Pairs of record ids (as strings) Splink predicts on the generated registry, whose
    records are `taawon.lib.person_match.PersonRecord`s by id.

    Each name part is one column: its Latin spelling, or Taawon's romanisation of the Arabic
    where the record has no Latin one (a help a Splink user would not have, so that Splink
    meets names across scripts). Given and family name as Splink's ForenameSurnameComparison
    (which sees them swapped), the father's name as its NameComparison, the date of birth as
    its DateOfBirthComparison, the phone by Damerau-Levenshtein, district and sex exactly.
    Blocked on the family name with the father's, the given with the family name, the date of
    birth and the phone; m by expectation maximisation on the given with the family name and
    on the date of birth. Of the setups tried on the 3,000-person registry (each name part in
    each script as its own column; the grandfather's name too; expectation maximisation on
    the date of birth and the family name, as for FEBRL) this one gave Splink its best F1."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from taawon.lib.names import romanise_arabic

    logging.getLogger("splink").setLevel(logging.WARNING)
    rows = []
    for rid, r in records.items():
        row = {"unique_id": str(rid)}
        for part in ("given", "father", "family"):
            latin, arabic = getattr(r, f"{part}_en"), getattr(r, f"{part}_ar")
            row[part] = (latin or (romanise_arabic(arabic) if arabic else "")).lower() or None
        row["name"] = f"{row['given'] or ''} {row['family'] or ''}".strip() or None
        row["date_of_birth"] = r.birth_date.isoformat() if r.birth_date else None
        row["phone"] = r.phone or None
        row["district"] = r.district or None
        row["sex"] = r.sex or None
        rows.append(row)
    db_api = DuckDBAPI()
    table = db_api.register(pd.DataFrame(rows).astype("string"), dataset_display_name="registry")
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("family", "father"),
            block_on("given", "family"),
            block_on("date_of_birth"),
            block_on("phone"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison(
                "given", "family", forename_surname_concat_col_name="name"
            ),
            cl.NameComparison("father"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y-%m-%d"
            ),
            cl.DamerauLevenshteinAtThresholds("phone", [1]),
            cl.ExactMatch("district"),
            cl.ExactMatch("sex"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(table, settings, log_level=logging.WARNING)
    return _train_and_predict(
        linker,
        block_on("given", "father", "family", "date_of_birth"),
        (block_on("given", "family"), block_on("date_of_birth")),
        threshold,
    )
