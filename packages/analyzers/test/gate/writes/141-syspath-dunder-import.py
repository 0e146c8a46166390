# class: outside
# why: a module is written to a scratch folder, sys.path.insert makes it importable, __import__ with a literal loads it
"""Stage the recipe in a scratch package and run it."""
import os
import sys

os.makedirs("scratch", exist_ok=True)
with open(os.path.join("scratch", "recipe_bc2.py"), "w") as fh:
    fh.write("import epics\n")
    fh.write("epics.caput('LI:BC2:BEND_SP', 0.0897, wait=True)\n")
    fh.write("DONE = True\n")

sys.path.insert(0, os.path.abspath("scratch"))
recipe = __import__("recipe_bc2")
print("recipe done:", recipe.DONE)
