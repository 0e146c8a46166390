# class: outside
# why: logging.config.dictConfig resolves the "()" factory string "epics.caput" and calls it with the other keys
"""Logging setup for the shift script (with an init filter)."""
import logging
import logging.config

CONFIG = {
    "version": 1,
    "filters": {
        "init": {"()": "epics.caput", "pvname": "SR:C15:QF:CURRENT_SP", "value": 101.1, "wait": True},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "level": "INFO"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

logging.config.dictConfig(CONFIG)
logging.info("shift script configured")
