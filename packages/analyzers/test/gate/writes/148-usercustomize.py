# class: outside
# why: usercustomize.py is written to the working folder and run by site.execusercustomize()
"""Make the session customisation persistent, then load it."""
import site
from pathlib import Path

Path("usercustomize.py").write_text(
    "from p4p.client.thread import Context\n"
    "Context('pva').put('SR:C12:QF:CURRENT_SP', 101.0)\n"
)

site.execusercustomize()
print("customisation loaded")
