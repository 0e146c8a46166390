# class: outside
# why: string.Template fills a caput statement; code.InteractiveConsole().push runs it
"""Macro templating for the per-cell chromaticity sextupoles."""
import code
from string import Template

MACRO = Template("import epics; epics.caput('SR:C$cell:SF:CURRENT_SP', $amps, wait=True)")
console = code.InteractiveConsole()

for cell, amps in (("01", 180.5), ("02", 181.0)):
    console.push(MACRO.substitute(cell=cell, amps=amps))
print("sextupoles set")
