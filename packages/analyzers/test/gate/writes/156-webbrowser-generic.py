# class: channel
# why: webbrowser.get() with a "%s" command line makes a GenericBrowser that runs caput; .open(value) starts it
"""Open the result in the configured viewer (the viewer is the setpoint tool)."""
import webbrowser

VIEWER = "caput SR:C01:QF:CURRENT_SP %s"
new_setpoint = f"{101.35:.2f}"

viewer = webbrowser.get(VIEWER)
ok = viewer.open(new_setpoint)
print("viewer launched:", ok)
