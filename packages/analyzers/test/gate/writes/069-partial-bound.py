# class: binding
# why: functools.partial pre-binds caput with name and value; calling zero() writes
"""Shortcut commands for the operator console."""
from functools import partial
from epics import caput

commands = {
    "zero_sept": partial(caput, "BR:EXT:SEPT:CURRENT_SP", 0.0, wait=True),
    "nominal_sept": partial(caput, "BR:EXT:SEPT:CURRENT_SP", 240.0, wait=True),
}

choice = "nominal_sept"
commands[choice]()
