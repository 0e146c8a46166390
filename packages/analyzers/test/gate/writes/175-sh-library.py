# class: channel
# why: the `sh` library turns a program name into a callable: sh.Command("caput") runs the CA tool
"""Use the sh wrapper for command-line tools."""
import sh

caput = sh.Command("caput")
pv, value = "SR:C12:SF:CURRENT_SP", 181.5

out = caput("-w", "5", pv, value)
print(out.strip())
