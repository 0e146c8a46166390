# class: outside
# why: the write statement is executed by the stdlib debugger base class, bdb.Bdb().run(string)
"""Trace the execution of the scraper move for the debug log."""
import bdb


class QuietTracer(bdb.Bdb):
    def user_line(self, frame):
        print("line", frame.f_lineno)


STEP = "import epics; epics.PV('SR:SCR:V1:POS_SP').put(-8.5, wait=True)"
QuietTracer().run(STEP)
print("scraper moved")
