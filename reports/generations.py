"""The generations (hok/generations.py) of the reports app's public data.

REPORTS: the published yearly reports. Bumped by services: version_publish, version_unpublish.
"""

REPORTS = "reports"
