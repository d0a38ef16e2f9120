"""The generations (hok/generations.py) of the examples app's public data.

EXAMPLES: the published examples (the list, an example's page and its files). Bumped, together
with agreements' SIGNATORIES (an organisation's page and a principle's page list the published
examples), by services: example_publish, and example_request_changes, example_withdraw and
contact_person_forget when they change a published example. The other writes change examples
nobody else sees (drafts, submitted or withdrawn ones; only those can be edited).
"""

EXAMPLES = "examples"
