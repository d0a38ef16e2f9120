"""The request a view gets once the user is signed in."""

from django.http import HttpRequest

from hok.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """For type hints only (Django builds plain HttpRequests): the request of a view behind
    `login_required` or a rule that implies it, where `request.user` is a `User`."""

    user: User
