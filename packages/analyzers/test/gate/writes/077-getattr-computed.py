# class: binding
# why: getattr(self, "do_" + action) dispatches to a writing method by computed name
"""Command dispatcher for the orbit-feedback console."""
from epics import PV


class Console:
    def __init__(self):
        self.enable = PV("SR:SOFB:ENABLE_CMD")

    def do_start(self):
        self.enable.put(1)

    def do_status(self):
        print("enabled =", self.enable.get())

    def run(self, action):
        getattr(self, "do_" + action)()


Console().run("start")
