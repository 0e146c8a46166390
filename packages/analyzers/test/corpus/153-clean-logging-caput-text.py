# expect: nothing
# why: logging mentions caput in a message; only a read happens
# tricky
import logging
import epics

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("orbit")
x = epics.caget("SR:BPM01:X")
log.info("would caput %s %.4f", "SR:C01:HCM:SP", -0.1 * x)
