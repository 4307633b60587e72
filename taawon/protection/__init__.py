"""Protection of young workers: the minimum working age per country and the hazardous work
that nobody under 18 is matched, referred, allocated or placed in (ILO Conventions 138 and
182). Reference data and rules only; employment enforces them on every path."""
