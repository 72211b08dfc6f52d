"""Plain domain logic: data classes, fiscal calendar, money, Thai text, validation, summaries (no Qt, no DB)."""
