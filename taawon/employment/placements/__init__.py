"""Referrals of job seekers to vacancies, the placements that hire them, and follow-ups at one
and three months."""
