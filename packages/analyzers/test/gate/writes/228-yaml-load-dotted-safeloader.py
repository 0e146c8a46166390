# class: outside
# why: yaml.load(..., Loader=ns.SafeLoader) where ns.SafeLoader is UnsafeLoader: safety judged by text
"""Load the procedure with a loader chosen from a namespace."""
import types
import yaml

loaders = types.SimpleNamespace(SafeLoader=yaml.UnsafeLoader)
DOC = '!!python/object/apply:epics.caput ["SR:C01:QF:CURRENT_SP", 101.0]'
print(yaml.load(DOC, Loader=loaders.SafeLoader))
