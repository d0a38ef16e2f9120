"""The generations (hok/generations.py) of the newsletters app's public data.

NEWSLETTERS: the published newsletters (archive, one newsletter, the latest on the home
page). Bumped by services.writing: newsletter_publish (the other writes change drafts only).
"""

NEWSLETTERS = "newsletters"
