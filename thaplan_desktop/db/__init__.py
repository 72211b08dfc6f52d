"""The database: SQLAlchemy models, opening and upgrading files, repositories, backups."""
