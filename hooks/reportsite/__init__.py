"""Shared code of the report site hooks: data model, validation, rendering, charts."""
