"""The generations (hok/generations.py) of the dialogues app's public data.

CONFERENCES: conferences, their dialogues and questions, visible notes, themes, summaries,
feedback and the compiled document (page and finished PDF). Bumped by services.conferences
(every write), services.notes: note_submit; services.moderation (every write);
services.outcomes (every write); services.documents: document_render_run (a finished PDF);
services.seed: conference_load_seed.
"""

CONFERENCES = "conferences"
