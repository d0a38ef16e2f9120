"""The working group's moderation of a dialogue, by subject: notes (the moderation page),
themes (a conference's themes page) and the projector view."""
