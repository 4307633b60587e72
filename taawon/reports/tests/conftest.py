"""The employment unit indicators' hand-built data set (unit A: five registered in the third
quarter of 2020, two of them women, three Syrians; two placed; two farms visited; three jobs
secured; unit B: one registered)."""

from taawon.employment.tests.test_indicators import data_set  # noqa: F401
