import pytest
pytestmark = pytest.mark.e2e

def test_dump(site, page, chromium_version):
    print("CHROMIUM", chromium_version)
    for name, path in [("signup","/konto/signup/"),("login","/konto/login/"),("logout","/konto/logout/"),("home","/")]:
        page.goto(site(path))
        open(f"/tmp/e2escratch/{name}.html","w").write(page.content())
    page.goto(site("/konto/signup/"))
    page.fill("input[name=email]", "a@example.org")
    page.fill("input[name=password1]", "Hallands-hav-2026!")
    page.fill("input[name=password2]", "Hallands-hav-2026!")
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_load_state()
    open("/tmp/e2escratch/after_signup.html","w").write(page.content())
    from django.core import mail
    from django.conf import settings
    import os
    print("BACKEND", settings.EMAIL_BACKEND, getattr(settings,"EMAIL_FILE_PATH",None), hasattr(settings,"MAILERS"), len(getattr(mail,"outbox",[])))
    print(os.system(f"ls -la {site.mail_dir}; find /tmp/pytest-of-root -name '*.log' -newer {site.mail_dir.parent} | head"))
    m = site.mails()
    print(len(m), m[0]["Subject"] if m else None)
    from tests.e2e.conftest import confirm_email_path, mail_text
    print(mail_text(m[0]))
    page.goto(site(confirm_email_path(m[0])))
    open("/tmp/e2escratch/confirm.html","w").write(page.content())
