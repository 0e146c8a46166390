# class: outside
# why: a test_*.py file with the put is written, then unittest discovery imports and runs it
"""Run the acceptance checks for the feedback system."""
import os
import unittest

os.makedirs("checks", exist_ok=True)
with open(os.path.join("checks", "test_fofb.py"), "w") as fh:
    fh.write(
        "import unittest, epics\n"
        "class TestFOFB(unittest.TestCase):\n"
        "    def test_enable(self):\n"
        "        self.assertEqual(epics.caput('SR:FOFB:ENABLE_CMD', 1, wait=True), 1)\n"
    )

suite = unittest.defaultTestLoader.discover("checks")
unittest.TextTestRunner(verbosity=2).run(suite)
