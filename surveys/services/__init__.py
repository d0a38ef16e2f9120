"""Write use cases of the surveys app, one function each, in one module per area
(builder.py, answering.py, invitations.py, results.py ...). Import from the area module."""
