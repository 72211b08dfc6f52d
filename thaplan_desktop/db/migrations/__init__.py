"""Alembic migrations of the ThaPlan database; ``versions/`` holds one file per schema change."""
