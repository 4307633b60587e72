"""Employers (farms and businesses), their workplaces and the unit's visits to them."""
