"""The data sets the indicator tests count: the employment unit indicators' own (so that the
engine is checked against the same figures) and the permits' world."""

from taawon.employment.tests.test_indicators import data_set  # noqa: F401
from taawon.permits.tests.conftest import world  # noqa: F401
