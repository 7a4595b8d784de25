"""Storage: SQLAlchemy models, repositories (async functions, session first), migrations."""
