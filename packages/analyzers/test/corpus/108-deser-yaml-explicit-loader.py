# expect: deserialization
# why: yaml.load with the unsafe yaml.Loader passed explicitly
# tricky
import yaml

with open("bpm_offsets.yaml") as f:
    offsets = yaml.load(f, Loader=yaml.Loader)
print(offsets)
