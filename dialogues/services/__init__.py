"""Write use cases of the dialogues app, one module per area.

conferences.py (working group: conferences, dialogues, questions, opening and closing),
seed.py (the 2021 conference from seed_data/), and the other areas' modules: notes.py
(attendees' notes), moderation.py (moderation and themes), outcomes.py (summaries, feedback).
Import from the area module: `from dialogues.services.conferences import conference_create`.
"""
