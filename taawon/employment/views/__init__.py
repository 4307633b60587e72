"""The employment unit's web pages: parse, fetch through queries, change through services,
render. One module per part of the unit's work."""
