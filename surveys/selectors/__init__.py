"""Read functions of the surveys app, in one module per area (surveys.py, results.py ...).
Import from the area module."""
