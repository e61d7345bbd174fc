"""Reference solutions of the pack's katas (the instructor's; never in a student edition)."""
