"""Forms of the surveys app, in one module per area (builder.py, answering.py ...)."""
