"""Seasonal campaigns: many job seekers allocated to chosen vacancies at once, with floors for
women and refugees."""
