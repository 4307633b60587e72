"""Vacancies employers offer: posting, changing, closing and reopening; positions filled are
counted from placements."""
