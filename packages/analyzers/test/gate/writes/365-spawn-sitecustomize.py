# class: outside
# why: sitecustomize.py (computed name) + PYTHONPATH; a spawn-context Pool starts a fresh interpreter that runs it
"""Run the fit in a fresh worker process."""
import multiprocessing
import os

hook = "sitecustomize" + ".py"
with open(hook, "w") as f:
    f.write("import epics\nepics.caput('SR:C01:QF:CURRENT_SP', 101.0, wait=True)\n")
os.environ["PYTHONPATH"] = os.getcwd()

if __name__ == "__main__":
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        print(pool.apply(abs, (-1.0,)))
