# expect: nothing
# why: yaml.safe_load of a lattice file
import yaml

with open("lattice.yaml") as f:
    lattice = yaml.safe_load(f)
print(sorted(lattice["quadrupoles"]))
