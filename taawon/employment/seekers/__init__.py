"""Job seekers (a registry person's profile with a unit) and their counselling sessions."""
