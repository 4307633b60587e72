"""Taawon: cooperative-based employment services for refugees and host communities."""
