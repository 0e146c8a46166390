# class: outside
# why: numpy.lib.format.read_array(allow_pickle=True) on an object .npy whose pickle calls caput
"""Load an object array from the cache."""
import io
import numpy as np

PAYLOAD = b"cepics\ncaput\n(S'SR:C01:QF:CURRENT_SP'\nF101.0\ntR."
buf = io.BytesIO()
np.lib.format.write_array_header_1_0(buf, {"descr": "|O", "fortran_order": False, "shape": (1,)})
buf.write(PAYLOAD)
buf.seek(0)
print(np.lib.format.read_array(buf, allow_pickle=True))
