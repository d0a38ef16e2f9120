import pytest, time
from tests.e2e.conftest import AXE_JS
pytestmark = pytest.mark.e2e

def test_csp_blocks(site, page):
    errs=[]
    page.on("console", lambda m: errs.append(m.text))
    page.goto(site("/"))
    try:
        page.add_script_tag(path=AXE_JS)
        print("ADDED; axe defined:", page.evaluate("typeof window.axe"))
    except Exception as e:
        print("EXC", str(e)[:300])
    print("ERRS", [e[:200] for e in errs])
    from agreements.services import agreement_load_seed
    from django.core.management import call_command
    t=time.time(); call_command("flush", interactive=False, verbosity=0); agreement_load_seed(); print("seed", time.time()-t)
