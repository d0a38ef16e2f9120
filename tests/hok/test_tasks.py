"""Mail leaves through the Celery task hok.tasks.deliver_email (in process without a broker)."""

import pytest
from django.test import Client

from hok.tasks import deliver_email

pytestmark = pytest.mark.django_db


class TestDeliverEmail:
    def test_sends_text_and_html(self, mailoutbox, settings) -> None:
        assert settings.CELERY_TASK_ALWAYS_EAGER
        result = deliver_email.delay(
            subject="[HÖK-portalen] Välkommen",
            body="Hej och välkommen!",
            html="<p>Hej och <strong>välkommen</strong>!</p>",
            to=["mottagare@exempel.se"],
            from_email="HÖK-portalen <noreply@exempel.se>",
        )
        assert result.get() == 1
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert message.subject == "[HÖK-portalen] Välkommen"
        assert message.body == "Hej och välkommen!"
        assert message.to == ["mottagare@exempel.se"]
        assert message.from_email == "HÖK-portalen <noreply@exempel.se>"
        assert [(a.content, a.mimetype) for a in message.alternatives] == [
            ("<p>Hej och <strong>välkommen</strong>!</p>", "text/html")
        ]

    def test_without_html_sends_plain_text_only(self, mailoutbox) -> None:
        deliver_email.delay(
            subject="Ämne", body="Text", html="", to=["a@exempel.se"], from_email="b@exempel.se"
        )
        assert len(mailoutbox) == 1
        assert mailoutbox[0].alternatives == []

    def test_takes_plain_data_only(self, mailoutbox) -> None:
        # Keyword arguments of plain JSON types: what the json serializer can carry.
        with pytest.raises(TypeError):
            deliver_email.delay("Ämne", "Text", "", ["a@exempel.se"], "b@exempel.se")
        assert mailoutbox == []

    def test_retries_on_network_errors(self) -> None:
        assert OSError in deliver_email.autoretry_for
        assert deliver_email.max_retries == 5


class TestAllauthMailGoesThroughTheTask:
    def test_password_reset_mail(self, client: Client, user, mailoutbox, monkeypatch) -> None:
        queued = []
        original = deliver_email.delay

        def spy(**kwargs):
            queued.append(kwargs)
            return original(**kwargs)

        monkeypatch.setattr(deliver_email, "delay", spy)
        client.post("/konto/password/reset/", {"email": user.email})
        assert len(queued) == 1
        assert queued[0]["to"] == [user.email]
        assert queued[0]["subject"].startswith("[HÖK-portalen] ")
        assert len(mailoutbox) == 1
        assert mailoutbox[0].subject == queued[0]["subject"]
