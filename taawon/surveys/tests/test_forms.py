"""XLSForms: the shipped forms and varied real-world style forms convert and pass ODK
Validate; bad workbooks are refused with their sheet, row and column; versions are kept."""

import pytest

from taawon.core.exceptions import PermissionDenied, ValidationFailed

from .. import services, shipped, xlsform
from ..models import FormVersion, SurveyForm
from ..workbook import xlsx
from .factories import household_form, household_sheets

L = ["label::English (en)", "label::Arabic (ar)"]

CASCADING = {
    "survey": [
        ["type", "name", *L, "choice_filter"],
        ["select_one governorate", "governorate", "Governorate", "المحافظة", ""],
        ["select_one district", "district", "District", "القضاء", "governorate=${governorate}"],
        ["select_one_from_file villages.csv", "village", "Village", "القرية", ""],
    ],
    "choices": [
        ["list_name", "name", *L, "governorate"],
        ["governorate", "IQ-DA", "Duhok", "دهوك", ""],
        ["governorate", "IQ-AR", "Erbil", "أربيل", ""],
        ["district", "zakho", "Zakho", "زاخو", "IQ-DA"],
        ["district", "soran", "Soran", "سوران", "IQ-AR"],
    ],
    "settings": [["form_id", "version"], ["cascading", "3"]],
}

KURDISH_AND_LOGIC = {
    "survey": [
        [
            "type",
            "name",
            *L,
            "label::Kurdish (ckb)",
            "relevant",
            "constraint",
            "calculation",
            "constraint_message::English (en)",
        ],
        [
            "integer",
            "household_size",
            "Household size",
            "حجم الأسرة",
            "قەبارەی خێزان",
            "",
            ". > 0 and . < 40",
            "",
            "Between 1 and 39",
        ],
        [
            "integer",
            "children",
            "Children",
            "الأطفال",
            "منداڵ",
            "${household_size} > 1",
            ". < ${household_size}",
            "",
            "",
        ],
        ["calculate", "adults", "", "", "", "", "", "${household_size} - ${children}", ""],
        [
            "note",
            "adults_note",
            "Adults: ${adults}",
            "البالغون: ${adults}",
            "گەورەکان: ${adults}",
            "",
            "",
            "",
            "",
        ],
        ["begin_repeat", "plots", "Plots", "قطع الأرض", "پارچە زەوی", "", "", "", ""],
        ["decimal", "dunums", "Dunums", "دونم", "دۆنم", "", ". > 0", "", ""],
        ["audio", "voice", "Voice note", "ملاحظة صوتية", "تێبینی دەنگی", "", "", "", ""],
        ["end_repeat", "", "", "", "", "", "", "", ""],
    ],
    "settings": [["form_id", "version", "form_title"], ["kurdish_logic", "1", "Household"]],
}


@pytest.mark.parametrize("form_id", sorted(shipped.FORMS))
def test_the_shipped_forms_pass_odk_validate(form_id):
    conversion = xlsform.convert(shipped.content(form_id))
    assert conversion.ok, conversion.errors
    assert conversion.form_id == form_id
    assert "Arabic (ar)" in conversion.xform


@pytest.mark.parametrize(
    "sheets",
    [CASCADING, KURDISH_AND_LOGIC, household_sheets()],
    ids=["cascading", "kurdish-logic-repeat", "household"],
)
def test_varied_real_world_forms_convert_and_validate(sheets):
    conversion = xlsform.convert(xlsx(sheets))
    assert conversion.ok, conversion.errors


def test_the_shipped_files_match_their_source():
    import io

    from openpyxl import load_workbook

    for form_id, sheets in shipped.FORMS.items():
        book = load_workbook(io.BytesIO(shipped.content(form_id)))
        rows = [[c if c is not None else "" for c in row] for row in book["survey"].values]
        assert rows == [[str(c) if c != "" else "" for c in row] for row in sheets["survey"]]


@pytest.mark.parametrize(
    ("content", "says", "sheet", "row"),
    [
        (xlsx({"choices": [["list_name", "name", "label"]]}), "no 'survey' sheet", "survey", None),
        (b"%PDF-1.4 not a workbook", "not an .xlsx", "", None),
        (
            xlsx({"survey": [["type", "name", "label"], ["text", "a", "A"], ["text", "a", "B"]]}),
            "a",
            "survey",
            3,
        ),
        (
            xlsx(
                {
                    "survey": [["type", "name", "label"], ["select_one missing", "q", "Q"]],
                    "choices": [["list_name", "name", "label"], ["other", "a", "A"]],
                }
            ),
            "missing",
            "survey",
            2,
        ),
        (
            xlsx(
                {
                    "survey": [
                        ["type", "name", "label", "calculation"],
                        ["calculate", "x", "", "${y} + 1"],
                        ["calculate", "y", "", "${x} + 1"],
                    ]
                }
            ),
            "",
            "",
            None,
        ),
    ],
    ids=["no-survey-sheet", "not-a-workbook", "duplicate-names", "bad-choice-list", "circular"],
)
def test_bad_xlsforms_are_refused_with_where(personas, content, says, sheet, row):
    conversion = xlsform.convert(content)
    assert not conversion.ok
    problem = conversion.errors[0]
    assert says.lower() in problem.message.lower()
    assert problem.sheet == sheet
    assert problem.row == row
    with pytest.raises(ValidationFailed) as refused:
        services.upload_form(
            owner=personas.country_office, content=content, uploaded_by=personas.officer
        )
    assert refused.value.field_errors["xlsform"]
    assert not SurveyForm.objects.exists()


def test_a_new_version_is_kept_beside_the_first(personas):
    form = household_form(personas, version="1")
    household_form(personas, version="2", extra_question=True)
    assert sorted(form.versions.values_list("version", flat=True)) == ["1", "2"]
    with pytest.raises(ValidationFailed):
        household_form(personas, version="2")
    assert FormVersion.objects.count() == 2


def test_only_designers_upload_and_only_within_their_reach(personas):
    content = xlsx(household_sheets())
    with pytest.raises(PermissionDenied):
        services.upload_form(
            owner=personas.unit_a,
            content=content,
            uploaded_by=personas.counsellor_a,
            validate=False,
        )
    with pytest.raises(PermissionDenied):
        services.upload_form(
            owner=personas.coop_b, content=content, uploaded_by=personas.admin_a, validate=False
        )
    with pytest.raises(ValidationFailed):
        services.upload_form(
            owner=personas.coop_a,
            content=content,
            uploaded_by=personas.admin_a,
            assigned=[personas.coop_b],
            validate=False,
        )
    assert not SurveyForm.objects.exists()
