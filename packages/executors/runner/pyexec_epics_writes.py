# Generated from packages/analyzers/data/libraries.yaml by packages/analyzers/scripts/generate-guard-table.ts: do not edit.
# Edit the data file, then run `pnpm generate:guards`.
"""The EPICS write entry points pyexec_guards.py refuses in a read-only run: the same list the analyzer reads."""

# module -> [(attribute path, label)]: patched right after the module is imported
WRITES = {
    "epics": [
        ("caput", "epics.caput"),
        ("caput_many", "epics.caput_many"),
    ],
    "epics.ca": [
        ("put", "epics.ca.put"),
    ],
    "epics.pv": [
        ("PV.put", "epics.pv.PV.put"),
    ],
    "epics.device": [
        ("Device.put", "epics.device.Device.put"),
        ("Device.restore_state", "epics.device.Device.restore_state"),
    ],
    "epics.motor": [
        ("Motor.move", "epics.motor.Motor.move"),
        ("Motor.put", "epics.motor.Motor.put"),
        ("Motor.tweak", "epics.motor.Motor.tweak"),
        ("Motor.set_position", "epics.motor.Motor.set_position"),
        ("Motor.stop", "epics.motor.Motor.stop"),
    ],
    "caproto.sync.client": [
        ("write", "caproto.sync.client.write"),
    ],
    "caproto.threading.client": [
        ("PV.write", "caproto.threading.client.PV.write"),
    ],
    "caproto.asyncio.client": [
        ("PV.write", "caproto.asyncio.client.PV.write"),
    ],
    "caproto.threading.pyepics_compat": [
        ("caput", "caproto.threading.pyepics_compat.caput"),
        ("caput_many", "caproto.threading.pyepics_compat.caput_many"),
        ("PV.put", "caproto.threading.pyepics_compat.PV.put"),
    ],
    "p4p.client.thread": [
        ("Context.put", "p4p.client.thread.Context.put"),
        ("Context.rpc", "p4p.client.thread.Context.rpc"),
    ],
    "p4p.client.cothread": [
        ("Context.put", "p4p.client.cothread.Context.put"),
        ("Context.rpc", "p4p.client.cothread.Context.rpc"),
    ],
    "p4p.client.asyncio": [
        ("Context.put", "p4p.client.asyncio.Context.put"),
        ("Context.rpc", "p4p.client.asyncio.Context.rpc"),
    ],
    "pvaccess": [
        ("Channel.put", "pvaccess.Channel.put"),
        ("Channel.putInt", "pvaccess.Channel.putInt"),
        ("Channel.putUInt", "pvaccess.Channel.putUInt"),
        ("Channel.putShort", "pvaccess.Channel.putShort"),
        ("Channel.putUShort", "pvaccess.Channel.putUShort"),
        ("Channel.putLong", "pvaccess.Channel.putLong"),
        ("Channel.putULong", "pvaccess.Channel.putULong"),
        ("Channel.putByte", "pvaccess.Channel.putByte"),
        ("Channel.putUByte", "pvaccess.Channel.putUByte"),
        ("Channel.putFloat", "pvaccess.Channel.putFloat"),
        ("Channel.putDouble", "pvaccess.Channel.putDouble"),
        ("Channel.putString", "pvaccess.Channel.putString"),
        ("Channel.putBoolean", "pvaccess.Channel.putBoolean"),
        ("Channel.putScalarArray", "pvaccess.Channel.putScalarArray"),
        ("Channel.asyncPut", "pvaccess.Channel.asyncPut"),
        ("Channel.parsePut", "pvaccess.Channel.parsePut"),
        ("Channel.putGet", "pvaccess.Channel.putGet"),
        ("Channel.putGetInt", "pvaccess.Channel.putGetInt"),
        ("Channel.putGetUInt", "pvaccess.Channel.putGetUInt"),
        ("Channel.putGetShort", "pvaccess.Channel.putGetShort"),
        ("Channel.putGetUShort", "pvaccess.Channel.putGetUShort"),
        ("Channel.putGetLong", "pvaccess.Channel.putGetLong"),
        ("Channel.putGetULong", "pvaccess.Channel.putGetULong"),
        ("Channel.putGetByte", "pvaccess.Channel.putGetByte"),
        ("Channel.putGetUByte", "pvaccess.Channel.putGetUByte"),
        ("Channel.putGetFloat", "pvaccess.Channel.putGetFloat"),
        ("Channel.putGetDouble", "pvaccess.Channel.putGetDouble"),
        ("Channel.putGetString", "pvaccess.Channel.putGetString"),
        ("Channel.putGetBoolean", "pvaccess.Channel.putGetBoolean"),
        ("Channel.putGetScalarArray", "pvaccess.Channel.putGetScalarArray"),
        ("Channel.parsePutGet", "pvaccess.Channel.parsePutGet"),
    ],
    "ophyd.signal": [
        ("EpicsSignalBase.put", "ophyd.signal.EpicsSignalBase.put"),
        ("EpicsSignalBase.set", "ophyd.signal.EpicsSignalBase.set"),
        ("EpicsSignal.put", "ophyd.signal.EpicsSignal.put"),
        ("EpicsSignal.set", "ophyd.signal.EpicsSignal.set"),
    ],
    "ophyd.epics_motor": [
        ("EpicsMotor.move", "ophyd.epics_motor.EpicsMotor.move"),
        ("EpicsMotor.set", "ophyd.epics_motor.EpicsMotor.set"),
        ("EpicsMotor.put", "ophyd.epics_motor.EpicsMotor.put"),
        ("EpicsMotor.stop", "ophyd.epics_motor.EpicsMotor.stop"),
        ("EpicsMotor.home", "ophyd.epics_motor.EpicsMotor.home"),
        ("EpicsMotor.set_current_position", "ophyd.epics_motor.EpicsMotor.set_current_position"),
    ],
    "ophyd.device": [
        ("Device.put", "ophyd.device.Device.put"),
        ("Device.stage", "ophyd.device.Device.stage"),
        ("Device.unstage", "ophyd.device.Device.unstage"),
        ("Device.trigger", "ophyd.device.Device.trigger"),
        ("Device.configure", "ophyd.device.Device.configure"),
        ("Device.stop", "ophyd.device.Device.stop"),
    ],
    "ophyd.pv_positioner": [
        ("PVPositioner.move", "ophyd.pv_positioner.PVPositioner.move"),
        ("PVPositioner.set", "ophyd.pv_positioner.PVPositioner.set"),
        ("PVPositioner.stop", "ophyd.pv_positioner.PVPositioner.stop"),
    ],
    "ophyd.pseudopos": [
        ("PseudoPositioner.move", "ophyd.pseudopos.PseudoPositioner.move"),
        ("PseudoPositioner.set", "ophyd.pseudopos.PseudoPositioner.set"),
        ("PseudoPositioner.stop", "ophyd.pseudopos.PseudoPositioner.stop"),
    ],
    "ophyd.utils.epics_pvs": [
        ("set_and_wait", "ophyd.utils.epics_pvs.set_and_wait"),
    ],
    "ophyd.utils": [
        ("set_and_wait", "ophyd.utils.set_and_wait"),
    ],
    "cothread.catools": [
        ("caput", "cothread.catools.caput"),
    ],
    "aioca": [
        ("caput", "aioca.caput"),
    ],
    "bluesky.plan_stubs": [
        ("mv", "bluesky.plan_stubs.mv"),
        ("mvr", "bluesky.plan_stubs.mvr"),
        ("mov", "bluesky.plan_stubs.mov"),
        ("movr", "bluesky.plan_stubs.movr"),
        ("abs_set", "bluesky.plan_stubs.abs_set"),
        ("rel_set", "bluesky.plan_stubs.rel_set"),
        ("move_per_step", "bluesky.plan_stubs.move_per_step"),
        ("one_1d_step", "bluesky.plan_stubs.one_1d_step"),
        ("one_nd_step", "bluesky.plan_stubs.one_nd_step"),
        ("configure", "bluesky.plan_stubs.configure"),
        ("stage", "bluesky.plan_stubs.stage"),
        ("unstage", "bluesky.plan_stubs.unstage"),
        ("stage_all", "bluesky.plan_stubs.stage_all"),
        ("unstage_all", "bluesky.plan_stubs.unstage_all"),
        ("trigger", "bluesky.plan_stubs.trigger"),
        ("trigger_and_read", "bluesky.plan_stubs.trigger_and_read"),
    ],
    "bluesky.plans": [
        ("scan", "bluesky.plans.scan"),
        ("rel_scan", "bluesky.plans.rel_scan"),
        ("grid_scan", "bluesky.plans.grid_scan"),
        ("rel_grid_scan", "bluesky.plans.rel_grid_scan"),
        ("list_scan", "bluesky.plans.list_scan"),
        ("rel_list_scan", "bluesky.plans.rel_list_scan"),
        ("spiral", "bluesky.plans.spiral"),
        ("tune_centroid", "bluesky.plans.tune_centroid"),
        ("count", "bluesky.plans.count"),
        ("adaptive_scan", "bluesky.plans.adaptive_scan"),
    ],
}

# command-line write tools, shadowed on PATH
TOOLS = (
    "caput",
    "pvput",
    "pvcall",
    "pvxput",
    "pvxcall",
    "caproto-put",
    "caput_many",
    "caput_pva",
    "camonitor_put",
)

# EPICS client libraries the guard cannot patch: importing one in a read-only run says so on stderr
UNCHECKED = (
    "ophyd_async",
    "CaChannel",
    "pyca",
    "softioc",
    "pythonSoftIOC",
    "pcaspy",
    "pvxslibs",
    "epicscorelibs",
    "epicsdbbuilder",
)
