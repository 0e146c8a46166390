# expect: deserialization
# why: yaml.load without a safe Loader on a lattice config
import yaml

with open("lattice.yaml") as f:
    lattice = yaml.load(f)
print(len(lattice["magnets"]))
