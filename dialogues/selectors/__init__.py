"""Read functions of the dialogues app, one module per area (conferences.py, notes.py,
themes.py …). Import from the area module: `from dialogues.selectors.conferences import …`."""
