"""What the employment unit's concerns share: who may read and change what (access), the
checks every service runs (cleaning), the reference lists, common model parts, form and view
glue, the API router, and the unit's own pages: the overview and the indicators."""
