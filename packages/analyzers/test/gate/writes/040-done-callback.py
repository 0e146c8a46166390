# class: callback
# why: Future.add_done_callback calls a callback that writes the computed result
"""Compute the new chromaticity correction in a worker and apply it when ready."""
from concurrent.futures import ThreadPoolExecutor
from caproto.threading.client import Context

sd, = Context().get_pvs("SR:C07:SD:CURRENT_SP")


def compute():
    return -171.4 + 0.3


def apply(fut):
    sd.write([fut.result()], wait=True)


with ThreadPoolExecutor() as ex:
    ex.submit(compute).add_done_callback(apply)
