"""Local storage: SQLAlchemy models, the repository facade, migrations, backups. No Qt here."""
