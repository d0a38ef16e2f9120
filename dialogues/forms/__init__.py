"""Forms of the dialogues app, one module per area: input checks only, no side effects."""
