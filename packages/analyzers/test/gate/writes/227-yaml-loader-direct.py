# class: outside
# why: yaml.UnsafeLoader(doc).get_single_data(): YAML python/object/apply calls epics.caput
"""Load the procedure from its YAML description."""
import yaml

DOC = '!!python/object/apply:epics.caput ["SR:C01:QF:CURRENT_SP", 101.0]'
print(yaml.UnsafeLoader(DOC).get_single_data())
