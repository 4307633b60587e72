"""Seasonal labour demand: crop calendars, the crops farms grow, the month-by-month forecast
and the SMS notices sent ahead of a season."""
