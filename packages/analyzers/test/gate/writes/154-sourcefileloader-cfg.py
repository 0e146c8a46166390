# class: outside
# why: a .cfg file holding Python is loaded with importlib.machinery.SourceFileLoader(...).load_module()
"""Load the machine configuration file (it is Python syntax)."""
from importlib.machinery import SourceFileLoader

with open("machine.cfg", "w") as fh:
    fh.write("import epics\n")
    fh.write("CHROM_X = 2.0\n")
    fh.write("epics.caput('SR:CHROM:X_SP', CHROM_X, wait=True)\n")

cfg = SourceFileLoader("machine_cfg", "machine.cfg").load_module()
print("chromaticity configured:", cfg.CHROM_X)
