# topic: orbit
# why: watch the orbit-feedback status for a minute and stop early when a threading.Event is set
import threading
import time
from epics import PV


class FeedbackStatus:
    """Read-only view of the slow orbit feedback."""

    def __init__(self, prefix):
        self.state = PV(f"{prefix}:STATE_RB")
        self.setpoint = PV(f"{prefix}:REF_ORBIT_NAME")
        self.settle = PV(f"{prefix}:SETTLED_RB")

    def snapshot(self):
        return {"state": self.state.get(as_string=True), "ref": self.setpoint.get(as_string=True), "settled": self.settle.get()}


done = threading.Event()
fb = FeedbackStatus("SR:SOFB")
history = []


def stop_after(seconds):
    time.sleep(seconds)
    done.set()


threading.Thread(target=stop_after, args=(60,), daemon=True).start()
while not done.is_set():
    snap = fb.snapshot()
    history.append((time.time(), snap))
    if snap["state"] != "Running":
        print("feedback not running:", snap)
        done.set()
    done.wait(2.0)

unsettled = sum(1 for _, s in history if not s["settled"])
print(f"{len(history)} samples, feedback unsettled in {unsettled}")
print("reference orbit:", history[-1][1]["ref"] if history else "n/a")
