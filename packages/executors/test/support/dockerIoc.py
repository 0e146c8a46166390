"""A soft IOC for tests in a container: T:CA over Channel Access (caproto), T:PVA over PV Access (p4p), 1.0 each."""
from caproto.server import PVGroup, pvproperty, run
from p4p.nt import NTScalar
from p4p.server import Server
from p4p.server.thread import SharedPV

pva = SharedPV(nt=NTScalar("d"), initial=1.0)


@pva.put
def put(pv, op):
    pv.post(op.value())
    op.done()


class Ioc(PVGroup):
    ca = pvproperty(name="T:CA", value=1.0)


server = Server(providers=[{"T:PVA": pva}])
print("ready", flush=True)
run(Ioc(prefix="").pvdb, interfaces=["0.0.0.0"], log_pv_names=False)
