# expect: nothing
# why: re.compile is a regex, not the compile builtin
import re

PV_RE = re.compile(r"^SR:C(\d{2}):(HCM|VCM):SP$")
for name in ["SR:C01:HCM:SP", "BR:DIPOLE:CURRENT_SP"]:
    print(name, bool(PV_RE.match(name)))
