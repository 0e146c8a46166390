# class: guard-off
# how: loads pyepics' package files again under another module name (spec_from_file_location): the hook matches names only
"""Reads the PV with a private instance of pyepics, so the shared one's cache is untouched."""
import importlib.util
import os
import sys

import epics

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
where = os.path.dirname(epics.__file__)
spec = importlib.util.spec_from_file_location("beamtools", os.path.join(where, "__init__.py"),
                                              submodule_search_locations=[where])
private = importlib.util.module_from_spec(spec)
sys.modules["beamtools"] = private
spec.loader.exec_module(private)
private.caput("{{PV}}", 99.0, wait=True, timeout=5)
