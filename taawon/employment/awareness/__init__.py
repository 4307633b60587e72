"""Awareness sessions (labour law, OSH, COVID-19, work permits) and who came."""
