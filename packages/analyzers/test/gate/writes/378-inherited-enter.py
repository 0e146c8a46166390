# class: binding
# why: inherited __enter__ not followed in `with`
"""Session subclass used as a context manager."""
import epics


class Session:
    def __enter__(self):
        return epics.PV("SR:C01:QF:CURRENT_SP")

    def __exit__(self, *exc):
        return False


class QuadSession(Session):
    pass


with QuadSession() as ch:
    ch.put(101.0, wait=True)
