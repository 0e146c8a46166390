# expect: nothing
# why: yaml.load with an explicit SafeLoader
# tricky
import yaml

with open("bpm_offsets.yaml") as f:
    offsets = yaml.load(f, Loader=yaml.SafeLoader)
print(sum(offsets.values()) / len(offsets))
