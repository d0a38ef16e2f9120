"""A newsletter's mails are written as bytes around the send's shared rendering: the parts that
differ per recipient (To, Message-ID, the unsubscribe link in List-Unsubscribe and in both
bodies) differ, everything else is shared, and the mail says what Django's own message says."""

import email
from email import policy
from email.message import EmailMessage

import pytest
from django.core.mail import EmailMultiAlternatives

from newsletters.mail import RenderedNewsletter, render_newsletter
from tests.newsletters.factories import NewsletterFactory

pytestmark = pytest.mark.django_db

UNSUBSCRIBE = "http://portal.test/nyhetsbrev/avsluta/{key}/"


@pytest.fixture(autouse=True)
def _base_url(settings) -> None:
    settings.PORTAL_BASE_URL = "http://portal.test"


def _written(rendered: RenderedNewsletter, to: str, key: str, message_id: str) -> bytes:
    message = rendered.message(to=to, unsubscribe_key=key)
    message.extra_headers["Message-ID"] = message_id
    return message.smtp_bytes()


def _parsed(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)


def _djangos(rendered: RenderedNewsletter, to: str, key: str, message_id: str) -> EmailMessage:
    """The same mail as Django's EmailMultiAlternatives writes it."""
    message = rendered.message(to=to, unsubscribe_key=key)
    message.extra_headers["Message-ID"] = message_id
    data = EmailMultiAlternatives.message(message, policy=policy.SMTP).as_bytes()
    return _parsed(data)


def test_the_per_recipient_parts_differ_and_the_rest_is_shared() -> None:
    newsletter = NewsletterFactory(
        title="Höstens nyhetsbrev från samverkansplatsen, med en rubrik som måste vikas",
        body="## Konferensen\n\nVi ses i **november**.\n\n.En rad som börjar med punkt = lika",
    )
    rendered = render_newsletter(newsletter)
    first = _written(rendered, "anna@example.se", "nyckel-anna", "<1@portal.test>")
    second = _written(rendered, "bo@example.se", "nyckel-bo", "<2@portal.test>")

    mails = [_parsed(first), _parsed(second)]
    for mail, to, key, message_id in zip(
        mails,
        ["anna@example.se", "bo@example.se"],
        ["nyckel-anna", "nyckel-bo"],
        ["<1@portal.test>", "<2@portal.test>"],
        strict=True,
    ):
        url = UNSUBSCRIBE.format(key=key)
        assert mail["To"] == to
        assert mail["Message-ID"] == message_id
        assert mail["List-Unsubscribe"] == f"<{url}>"
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in mail.get_body(("plain",)).get_content()
        assert url in mail.get_body(("html",)).get_content()
        assert not mail.defects
        assert all(not part.defects for part in mail.walk())

    for name in ("Subject", "From", "List-Id", "MIME-Version"):
        assert mails[0][name] == mails[1][name]
    # The bodies are the send's one rendering, the unsubscribe link aside.
    for kind in ("plain", "html"):
        # (the parser keeps the CRLF line ends of the wire)
        bodies = [m.get_body((kind,)).get_content().replace("\r\n", "\n") for m in mails]
        assert bodies[0].replace("nyckel-anna", "KEY") == bodies[1].replace("nyckel-bo", "KEY")
        assert bodies[0].replace(
            UNSUBSCRIBE.format(key="nyckel-anna"), "__AVSLUTA_PRENUMERATION__"
        ) == (rendered.text if kind == "plain" else rendered.html)


def test_the_written_mail_says_what_djangos_own_message_says() -> None:
    rendered = render_newsletter(NewsletterFactory(title="Nyhetsbrev om överenskommelsen"))
    ours = _parsed(_written(rendered, "anna@example.se", "k", "<1@portal.test>"))
    django = _djangos(rendered, "anna@example.se", "k", "<1@portal.test>")
    for name in (
        "Subject",
        "From",
        "To",
        "Message-ID",
        "List-Id",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
    ):
        assert ours[name] == django[name], name
    for kind in ("plain", "html"):
        assert ours.get_body((kind,)).get_content() == django.get_body((kind,)).get_content()
    assert ours["Date"] is not None


def test_list_unsubscribe_is_written_as_the_bare_link_not_an_encoded_word() -> None:
    # RFC 2369/8058 readers expect "<https://…>"; the email package would fold this long
    # header into RFC 2047 encoded words, which some receivers do not decode.
    rendered = render_newsletter(NewsletterFactory())
    key = "x" * 43
    data = _written(rendered, "anna@example.se", key, "<1@portal.test>")
    assert f"\r\nList-Unsubscribe: <{UNSUBSCRIBE.format(key=key)}>\r\n".encode() in data
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))


def test_every_backend_gets_the_same_bytes_as_the_smtp_connection() -> None:
    rendered = render_newsletter(NewsletterFactory())
    message = rendered.message(to="anna@example.se", unsubscribe_key="k")
    message.extra_headers["Message-ID"] = "<1@portal.test>"
    data = message.smtp_bytes()
    assert message.message(policy=policy.SMTP).as_bytes() == data


def test_an_address_the_shortcut_does_not_cover_gets_djangos_message() -> None:
    rendered = render_newsletter(NewsletterFactory())
    mail = _parsed(_written(rendered, "anna@exämple.se", "k", "<1@portal.test>"))
    assert mail["To"] == "anna@xn--exmple-cua.se"  # IDNA, as Django writes it
    assert mail["List-Unsubscribe"] == f"<{UNSUBSCRIBE.format(key='k')}>"
    assert "Nyhetsbrev" in mail.get_body(("plain",)).get_content()
