"""The current TOTP code for a test user's authenticator."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

PERIOD = 30
# A code typed in the last seconds of its window can reach the server after the window has
# turned; wait for the next one rather than let a slow page make the login flaky.
SAFETY_MARGIN = 4


def totp_code(secret: str) -> str:
    left = PERIOD - time.time() % PERIOD
    if left < SAFETY_MARGIN:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // PERIOD))
