"""Who may use the working group's survey pages.

Every such page is under /arbetsgruppen/hantera/, where the middleware also demands two-factor
login; this decorator adds the role check (the working group or an admin): an anonymous visitor
goes to the login, anyone else gets 403.
"""

from hok.access import permitted_by
from surveys import rules

survey_managers_only = permitted_by(rules.can_manage_surveys)
