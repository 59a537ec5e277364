"""Qt widgets, table models and dialogs. No SQL and no HTTP here: go through the repository
facade and the sync engine."""
