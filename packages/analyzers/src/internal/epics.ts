/**
 * The EPICS client APIs the rules know, in one place. The next analyzer issue extends this
 * table to caproto, p4p, pvaccess, ophyd and cothread.
 */
export const writeFunctions: ReadonlySet<string> = new Set(["epics.caput", "epics.caput_many", "epics.ca.put"])

/** Classes whose instances write with these methods. */
export const writerClasses: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["epics.PV", new Set(["put"])],
  ["epics.pv.PV", new Set(["put"])],
  ["epics.get_pv", new Set(["put"])],
  ["epics.pv.get_pv", new Set(["put"])]
])

/** What `from M import *` brings into scope, for the modules the rules care about. */
const starNames: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["epics", new Set(["caput", "caput_many", "caget", "PV", "get_pv", "ca"])],
  ["epics.pv", new Set(["PV", "get_pv"])]
])

const none: ReadonlySet<string> = new Set()
export const exportedNames = (module: string): ReadonlySet<string> => starNames.get(module) ?? none
