"""Business rules of the sandbox: plain Python over a SQLAlchemy connection, no HTTP."""
