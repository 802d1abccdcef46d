"""HTTP machinery derived from the OpenAPI documents: routing, validation, errors, rendering."""
