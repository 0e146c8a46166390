# topic: other
# why: morning machine check that logs key readbacks with the logging module and warns on out-of-range values
import logging
from datetime import datetime
import epics

logging.basicConfig(filename="morning_check.log", level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("morning-check")
console = logging.StreamHandler()
console.setLevel(logging.INFO)
log.addHandler(console)

CHECKS = {
    "SR:DCCT:CURRENT": (195.0, 205.0),
    "SR:DCCT:LIFETIME": (8.0, 100.0),
    "SR:TUNE:QX": (0.15, 0.25),
    "SR:TUNE:QY": (0.25, 0.35),
    "SR:SOFB:RMS_X": (0.0, 3.0),
    "SR:SOFB:RMS_Y": (0.0, 1.5),
    "SR:RF:TOTAL_VOLT_RB": (2.4, 2.8),
    "SR:VAC:AVG:P": (0.0, 2e-9),
}

log.info("morning check started %s", datetime.now().isoformat(timespec="seconds"))
problems = 0
for name, (lo, hi) in CHECKS.items():
    value = epics.caget(name, timeout=2.0)
    if value is None:
        log.error("%s: no connection", name)
        problems += 1
    elif not lo <= value <= hi:
        log.warning("%s = %.4g outside [%g, %g]", name, value, lo, hi)
        problems += 1
    else:
        log.info("%s = %.4g ok", name, value)
log.info("check done: %d problem(s)", problems)
