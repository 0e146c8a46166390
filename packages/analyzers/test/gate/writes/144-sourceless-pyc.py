# class: outside
# why: source with the caput is compiled to a legacy .pyc with py_compile, the .py deleted, then the bytecode imported
"""Build the compiled restore module for the control-room machines."""
import importlib
import os
import py_compile

SRC = "restore_c09.py"
with open(SRC, "w") as fh:
    fh.write("from epics import caput\n")
    fh.write("caput('SR:C09:QD:CURRENT_SP', 98.0, wait=True)\n")

py_compile.compile(SRC, cfile="restore_c09.pyc")
os.remove(SRC)
importlib.invalidate_caches()

import restore_c09  # noqa: E402,F401

print("compiled restore applied")
