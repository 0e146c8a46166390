# class: outside
# why: the write lives in a module inside a zip archive put on sys.path (zipimport) and imported
"""Bundle the procedure in a zip so it can be archived with the run."""
import sys
import zipfile

with zipfile.ZipFile("procedure.zip", "w") as zf:
    zf.writestr(
        "proc_inj.py",
        "import epics\n"
        "def run():\n"
        "    epics.caput('SR:INJ:SEPT:VOLT_SP', 7.9, wait=True)\n",
    )

sys.path.append("procedure.zip")
import proc_inj  # noqa: E402

proc_inj.run()
print("injection septum procedure done")
