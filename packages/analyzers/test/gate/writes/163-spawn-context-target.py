# class: channel
# why: a spawn-context Process gets os.system as its target (passed, never called in the code) with a caput command
"""Apply the setpoint in a separate spawned process so a hang cannot block us."""
import multiprocessing
import os

CMD = "caput -w 5 SR:C05:QF:CURRENT_SP 100.8"

if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    worker = ctx.Process(target=os.system, args=(CMD,))
    worker.start()
    worker.join(timeout=30)
    print("worker exit code", worker.exitcode)
