"""An administrator deleting an account in the admin goes through the same service as the
person themself: the same refusals, the same care for what stays and what goes, and no admin
log entry that keeps the deleted person's name."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import account_deletion_obstacles
from accounts.services import account_delete
from hok.admin import UserAdmin
from hok.models import User

admin.site.unregister(User)


@admin.register(User)
class AccountUserAdmin(UserAdmin):
    def get_actions(
        self,
        request: HttpRequest,
        action_location: admin.ActionLocation = admin.ActionLocation.CHANGE_LIST,
    ) -> dict:
        # Deleting many at once would skip the refusals: one at a time, from the account's page.
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        user = self.get_object(request, unquote(object_id))
        if user is None or not self.has_delete_permission(request, user):
            return super().delete_view(request, object_id, extra_context)  # 404 or 403
        change_url = reverse("admin:hok_user_change", args=[user.pk])
        obstacles = account_deletion_obstacles(user=user)
        if obstacles:
            for obstacle in obstacles:
                messages.error(request, obstacle.message)
            return HttpResponseRedirect(change_url)
        if request.method != "POST":
            return super().delete_view(request, object_id, extra_context)  # the confirmation
        try:
            account_delete(user=user)
        except ValidationError as error:  # an obstacle that arose since the page was shown
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(change_url)
        messages.success(request, _("Kontot är raderat."))
        return HttpResponseRedirect(reverse("admin:hok_user_changelist"))
