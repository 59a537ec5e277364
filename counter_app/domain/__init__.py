"""Pure domain logic: orders, stages, pickup codes, scan verdicts. No Qt, no SQL, no HTTP."""
