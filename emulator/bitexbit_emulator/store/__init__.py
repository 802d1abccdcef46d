"""Persistence: SQLAlchemy Core tables, portable column types and the transaction helper."""
