/**
 * What pyexec knows about the libraries code may import, in one table: which members write to
 * EPICS, which read, which classes make objects with which methods, and which calls are dangerous
 * for other reasons. The rules read nothing else.
 *
 * The EPICS writes (write functions, classes' write methods and settable attributes, command-line
 * write tools) are not here: they come from `data/epics-writes.yaml`, which the run-time guard's
 * table is generated from too (`pnpm generate:guards`). Reads, harmless members, constructors and
 * dangerous calls are extended here.
 */
import * as EpicsWrites from "./epicsWrites.js"

/** The EPICS write entry points, decoded from the data file when this module loads. */
export const epicsWrites: EpicsWrites.EpicsWrites = EpicsWrites.load()
const typeWrites = EpicsWrites.typesOf(epicsWrites)

/** What calling a known member does. */
export type MemberKind =
  | "epics-write"
  | "epics-read"
  | "neutral"
  /** calling it makes an instance of `returns` */
  | "class"
  | "factory"
  /** the call returns its first argument's values (functools.partial, copy.copy) */
  | "passthrough"

export interface Member {
  readonly kind: MemberKind
  readonly returns?: string
}

export interface ClassInfo {
  readonly epics: boolean
  readonly writers: ReadonlySet<string>
  readonly readers: ReadonlySet<string>
  /** attributes whose assignment writes (`pv.value = 3`) */
  readonly settable: ReadonlySet<string>
  /** methods that return instances of another class */
  readonly factories: ReadonlyMap<string, string>
  /** methods known to be harmless */
  readonly neutral: ReadonlySet<string>
  /** for non-EPICS classes: methods and their dangerous category */
  readonly dangerous?: ReadonlyMap<string, string>
}

const set = (...names: ReadonlyArray<string>): ReadonlySet<string> => new Set(names)

/** Modules whose unknown members are treated as writes: pyexec fails closed on what it cannot name. */
export const epicsModules: ReadonlySet<string> = set(
  "epics",
  "epics.ca",
  "epics.pv",
  "epics.device",
  "epics.motor",
  "epics.multiproc",
  "caproto",
  "caproto.threading",
  "caproto.threading.client",
  "caproto.threading.pyepics_compat",
  "caproto.sync",
  "caproto.sync.client",
  "caproto.asyncio",
  "caproto.asyncio.client",
  "p4p",
  "p4p.client",
  "p4p.client.thread",
  "p4p.client.cothread",
  "p4p.client.asyncio",
  "pvaccess",
  "pvapy",
  "ophyd",
  "ophyd.signal",
  "ophyd.epics_motor",
  "ophyd.device",
  "cothread",
  "cothread.catools",
  "aioca",
  "bluesky",
  "bluesky.plan_stubs",
  "bluesky.plans",
  ...Object.keys(epicsWrites.modules)
)

const writer: Member = { kind: "epics-write" }
const reader: Member = { kind: "epics-read" }
const neutral: Member = { kind: "neutral" }
const classOf = (name: string): Member => ({ kind: "class", returns: name })
const factoryOf = (name: string): Member => ({ kind: "factory", returns: name })

/** Module members by qualified name: these, then the data file's write functions and classes. */
const listedMembers: ReadonlyArray<readonly [string, Member]> = [
  // pyepics
  ["epics.ca.create_channel", factoryOf("epics.ca.chid")],
  ["epics.caget", reader],
  ["epics.caget_many", reader],
  ["epics.cainfo", reader],
  ["epics.camonitor", reader],
  ["epics.camonitor_clear", neutral],
  ["epics.ca.get", reader],
  ["epics.ca.initialize_libca", neutral],
  ["epics.ca.poll", neutral],
  ["epics.poll", neutral],
  ["epics.PV", classOf("epics.PV")],
  ["epics.pv.PV", classOf("epics.PV")],
  ["epics.get_pv", factoryOf("epics.PV")],
  ["epics.pv.get_pv", factoryOf("epics.PV")],
  ["epics.Device", classOf("epics.Device")],
  ["epics.device.Device", classOf("epics.Device")],
  ["epics.Motor", classOf("epics.Motor")],
  ["epics.motor.Motor", classOf("epics.Motor")],
  ["epics.Alarm", classOf("epics.Alarm")],
  // caproto
  ["caproto.sync.client.read", reader],
  ["caproto.sync.client.subscribe", reader],
  ["caproto.threading.client.Context", classOf("caproto.threading.client.Context")],
  ["caproto.threading.client.SharedBroadcaster", neutral],
  ["caproto.threading.pyepics_compat.PV", classOf("epics.PV")],
  ["caproto.threading.pyepics_compat.caget", reader],
  ["caproto.asyncio.client.Context", classOf("caproto.threading.client.Context")],
  // p4p
  ["p4p.client.thread.Context", classOf("p4p.Context")],
  ["p4p.client.cothread.Context", classOf("p4p.Context")],
  ["p4p.client.asyncio.Context", classOf("p4p.Context")],
  // pvaccess / pvapy
  ["pvaccess.Channel", classOf("pvaccess.Channel")],
  ["pvapy.Channel", classOf("pvaccess.Channel")],
  ["pvaccess.PvObject", neutral],
  // ophyd
  ["ophyd.EpicsSignal", classOf("ophyd.Signal")],
  ["ophyd.EpicsSignalRO", classOf("ophyd.SignalRO")],
  ["ophyd.signal.EpicsSignal", classOf("ophyd.Signal")],
  ["ophyd.signal.EpicsSignalRO", classOf("ophyd.SignalRO")],
  ["ophyd.EpicsMotor", classOf("ophyd.Motor")],
  ["ophyd.epics_motor.EpicsMotor", classOf("ophyd.Motor")],
  ["ophyd.Device", classOf("ophyd.Device")],
  ["ophyd.Component", classOf("ophyd.Device")],
  ["ophyd.Cpt", classOf("ophyd.Device")],
  // cothread
  ["cothread.catools.caget", reader],
  ["cothread.catools.camonitor", reader],
  ["aioca.caget", reader],
  // bluesky: the plans that move and set devices are in the data file
  ...["rd", "read", "sleep", "null", "open_run", "close_run", "checkpoint"].map((f) => [`bluesky.plan_stubs.${f}`, f === "rd" || f === "read" ? reader : neutral] as const),
  ["bluesky.RunEngine", classOf("bluesky.RunEngine")],
  // generic
  ["functools.partial", { kind: "passthrough" }],
  ["functools.partialmethod", { kind: "passthrough" }],
  ["copy.copy", { kind: "passthrough" }],
  ["copy.deepcopy", { kind: "passthrough" }],
  ["pathlib.Path", classOf("pathlib.Path")],
  ["pathlib.PosixPath", classOf("pathlib.Path")],
  ["operator.methodcaller", neutral]
]

const dataMembers = (): ReadonlyArray<readonly [string, Member]> => {
  const listed = new Map(listedMembers)
  const out: Array<readonly [string, Member]> = []
  for (const { module, name } of EpicsWrites.functionsOf(epicsWrites)) {
    const q = `${module}.${name}`
    if (listed.has(q)) throw new Error(`${EpicsWrites.dataPath}: ${q} is a write there and a ${listed.get(q)!.kind} member in libraries.ts`)
    out.push([q, writer])
  }
  for (const [q, type] of EpicsWrites.constructorsOf(epicsWrites)) {
    const known = listed.get(q)
    if (known === undefined) out.push([q, classOf(type)])
    else if (known.returns !== type) throw new Error(`${EpicsWrites.dataPath}: ${q} makes ${type} there and ${known.returns ?? known.kind} in libraries.ts`)
  }
  return out
}

export const members: ReadonlyMap<string, Member> = new Map<string, Member>([...listedMembers, ...dataMembers()])

/** An EPICS class: its write methods and settable attributes are the data file's, under the same name. */
const epicsClass = (name: string, c: { readers: ReadonlyArray<string>; neutral?: ReadonlyArray<string>; factories?: ReadonlyArray<readonly [string, string]> }): readonly [string, ClassInfo] => [
  name,
  {
    epics: true,
    writers: typeWrites.get(name)?.writes ?? set(),
    readers: set(...c.readers),
    settable: typeWrites.get(name)?.settable ?? set(),
    neutral: set(...(c.neutral ?? [])),
    factories: new Map(c.factories ?? [])
  }
]

export const classes: ReadonlyMap<string, ClassInfo> = new Map<string, ClassInfo>([
  epicsClass("epics.PV", {
    readers: ["get", "get_ctrlvars", "get_timevars", "get_with_metadata", "get_enum_strings", "wait_for_connection", "poll"],
    neutral: ["pvname", "connected", "count", "type", "host", "units", "precision", "timestamp", "severity", "status", "char_value", "value", "add_callback", "remove_callback", "clear_callbacks", "disconnect", "reconnect", "info", "upper_disp_limit", "lower_disp_limit", "enum_strs"]
  }),
  epicsClass("epics.Device", { readers: ["get", "get_all", "read_attrs"], neutral: ["add_pv", "add_callback", "remove_callbacks", "pv"] }),
  epicsClass("epics.Motor", { readers: ["get", "get_position", "within_limits", "check_limits"] }),
  epicsClass("epics.Alarm", { readers: [], neutral: ["reset"] }),
  epicsClass("epics.ca.chid", { readers: [] }),
  epicsClass("caproto.threading.client.Context", { readers: [], factories: [["get_pvs", "caproto.PV"]], neutral: ["disconnect", "search"] }),
  epicsClass("caproto.PV", { readers: ["read", "subscribe", "wait_for_connection"], neutral: ["name", "connected", "unsubscribe_all", "go_idle"] }),
  epicsClass("p4p.Context", { readers: ["get", "monitor"], neutral: ["close", "disconnect"] }),
  epicsClass("pvaccess.Channel", {
    readers: ["get", "subscribe", "startMonitor", "monitor"],
    neutral: ["stopMonitor", "unsubscribe", "getName", "isConnected", "setConnectionCallback"]
  }),
  epicsClass("ophyd.Signal", { readers: ["get", "read", "describe", "wait_for_connection", "subscribe"], neutral: ["name", "connected", "unsubscribe", "clear_sub"] }),
  epicsClass("ophyd.SignalRO", { readers: ["get", "read", "describe", "wait_for_connection", "subscribe"], neutral: ["name", "connected"] }),
  epicsClass("ophyd.Motor", { readers: ["get", "read", "position", "describe", "wait_for_connection"], neutral: ["name", "connected", "moving"] }),
  epicsClass("bluesky.RunEngine", { readers: [], neutral: ["subscribe", "unsubscribe", "stop", "abort", "halt", "pause", "resume", "md"] }),
  epicsClass("ophyd.Device", { readers: ["get", "read", "describe", "read_configuration", "describe_configuration", "wait_for_connection", "summary"], neutral: ["name", "connected", "component_names"] }),
  [
    "pathlib.Path",
    {
      epics: false,
      writers: set(),
      readers: set(),
      settable: set(),
      neutral: set(),
      factories: new Map([
        ["joinpath", "pathlib.Path"],
        ["resolve", "pathlib.Path"],
        ["absolute", "pathlib.Path"],
        ["with_name", "pathlib.Path"],
        ["with_suffix", "pathlib.Path"],
        ["expanduser", "pathlib.Path"]
      ]),
      dangerous: new Map([
        ["unlink", "file-delete"],
        ["rmdir", "file-delete"]
      ])
    }
  ]
])

/** A path known to leave the run's folder (absolute, `~`, or `..`): the same class, marked. */
export const outsidePath = "pathlib.Path!outside"
;(classes as Map<string, ClassInfo>).set(outsidePath, {
  ...classes.get("pathlib.Path")!,
  factories: new Map([...classes.get("pathlib.Path")!.factories.keys()].map((m) => [m, outsidePath]))
})

for (const type of typeWrites.keys()) {
  if (!classes.get(type)?.epics) throw new Error(`${EpicsWrites.dataPath}: type ${type} is not an EPICS class in libraries.ts`)
}

/** Command-line tools that write to EPICS (rule EPICS002), from the data file. */
export const writeTools: ReadonlyArray<string> = epicsWrites.commands.tools

/** `python -m MODULE [SUBCOMMAND]` commands that write to EPICS (rule EPICS002), from the data file. */
export const writePythonModules: ReadonlyArray<{ readonly module: string; readonly subcommands: ReadonlyArray<string> }> = epicsWrites.commands.pythonModules

/** Paths that leave the run's folder: absolute, home-relative, or climbing out with `..`. */
export const isOutsidePath = (path: string) => path.startsWith("/") || path.startsWith("~") || /(^|[\\/])\.\.([\\/]|$)/.test(path)

/** Every writer method name of every EPICS class: used when an EPICS object's class cannot be told. */
export const anyEpicsWriterMethod: ReadonlySet<string> = new Set([...classes.values()].filter((c) => c.epics).flatMap((c) => [...c.writers]))

/** Names `from M import *` brings in, for the modules that matter. */
export const starExports = (module: string): ReadonlyArray<string> => {
  const prefix = `${module}.`
  return [...members.keys()].filter((q) => q.startsWith(prefix) && !q.slice(prefix.length).includes(".")).map((q) => q.slice(prefix.length))
}

export const isEpicsModule = (qualified: string): boolean => {
  for (let q = qualified; q.length > 0; q = q.slice(0, Math.max(0, q.lastIndexOf(".")))) {
    if (epicsModules.has(q)) return true
    if (!q.includes(".")) break
  }
  return false
}

/** Dangerous calls by qualified name, and the category each belongs to. */
export const dangerousCalls: ReadonlyMap<string, string> = new Map<string, string>([
  ...["run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"].map((f) => [`subprocess.${f}`, "process"] as const),
  ...["system", "popen", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe", "posix_spawn", "posix_spawnp", "fork", "forkpty", "startfile"].map((f) => [`os.${f}`, "process"] as const),
  ["pty.spawn", "process"],
  ["asyncio.create_subprocess_exec", "process"],
  ["asyncio.create_subprocess_shell", "process"],
  ["multiprocessing.Process", "process"],
  ["exec", "dynamic-code"],
  ["eval", "dynamic-code"],
  ["compile", "dynamic-code"],
  ["types.FunctionType", "dynamic-code"],
  ["types.CodeType", "dynamic-code"],
  ["runpy.run_path", "dynamic-code"],
  ["runpy.run_module", "dynamic-code"],
  ["code.interact", "dynamic-code"],
  ["code.InteractiveInterpreter", "dynamic-code"],
  ["code.InteractiveConsole", "dynamic-code"],
  ...["remove", "unlink", "rmdir", "removedirs"].map((f) => [`os.${f}`, "file-delete"] as const),
  ["shutil.rmtree", "file-delete"],
  ...["socket", "create_connection", "create_server", "socketpair", "fromfd"].map((f) => [`socket.${f}`, "network"] as const),
  ...["urlopen", "Request", "urlretrieve", "build_opener"].map((f) => [`urllib.request.${f}`, "network"] as const),
  ["urllib.urlopen", "network"],
  ["urllib2.urlopen", "network"],
  ...["get", "post", "put", "patch", "delete", "head", "options", "request", "Session"].map((f) => [`requests.${f}`, "network"] as const),
  ...["get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "Client", "AsyncClient"].map((f) => [`httpx.${f}`, "network"] as const),
  ...["HTTPConnection", "HTTPSConnection"].map((f) => [`http.client.${f}`, "network"] as const),
  ["aiohttp.ClientSession", "network"],
  ["aiohttp.request", "network"],
  ["ftplib.FTP", "network"],
  ["ftplib.FTP_TLS", "network"],
  ["smtplib.SMTP", "network"],
  ["smtplib.SMTP_SSL", "network"],
  ["telnetlib.Telnet", "network"],
  ["paramiko.SSHClient", "network"],
  ["websocket.create_connection", "network"],
  ["xmlrpc.client.ServerProxy", "network"],
  ["pickle.load", "deserialization"],
  ["pickle.loads", "deserialization"],
  ["pickle.Unpickler", "deserialization"],
  ["cPickle.load", "deserialization"],
  ["cPickle.loads", "deserialization"],
  ["_pickle.loads", "deserialization"],
  ["marshal.load", "deserialization"],
  ["marshal.loads", "deserialization"],
  ["shelve.open", "deserialization"],
  ["dill.load", "deserialization"],
  ["dill.loads", "deserialization"],
  ["joblib.load", "deserialization"],
  ["pandas.read_pickle", "deserialization"],
  ["torch.load", "deserialization"],
  ["yaml.unsafe_load", "deserialization"],
  ["yaml.unsafe_load_all", "deserialization"]
])

/** Loaders that make `yaml.load` safe. */
export const safeYamlLoaders: ReadonlySet<string> = set("yaml.SafeLoader", "yaml.CSafeLoader", "yaml.BaseLoader", "yaml.CBaseLoader")

/** Calls whose result holds the values of their arguments: containers and iteration. */
export const passthroughBuiltins: ReadonlySet<string> = set(
  "list",
  "tuple",
  "set",
  "frozenset",
  "dict",
  "sorted",
  "reversed",
  "iter",
  "next",
  "zip",
  "enumerate",
  "filter",
  "min",
  "max",
  "getattr",
  "vars",
  "super",
  "staticmethod",
  "classmethod",
  "property"
)

/** Methods whose result holds the values of their receiver: `pvs.get(k)`, `pvs.values()`. */
export const passthroughMethods: ReadonlySet<string> = set(
  "get",
  "pop",
  "popitem",
  "values",
  "items",
  "keys",
  "copy",
  "setdefault",
  "__getitem__",
  "__enter__",
  "result"
)

/** Methods that put their arguments into their receiver: `pvs.append(pv)`. */
export const storingMethods: ReadonlySet<string> = set("append", "extend", "insert", "add", "update", "setdefault", "appendleft", "put", "put_nowait", "__setitem__")

/** Builtin names the model knows; the rest of Python's builtins are values of no interest. */
export const knownBuiltins: ReadonlySet<string> = set(
  ...passthroughBuiltins,
  "exec",
  "eval",
  "compile",
  "globals",
  "locals",
  "setattr",
  "delattr",
  "__import__",
  "open",
  "map",
  "print",
  "len",
  "range",
  "str",
  "int",
  "float",
  "isinstance",
  "callable",
  "hasattr",
  "type",
  "object",
  "__builtins__"
)

/** Every name in Python's builtins module: these are never taken from a star import. */
export const pythonBuiltins: ReadonlySet<string> = set(
  ...knownBuiltins,
  ..."abs aiter all anext any ascii bin bool breakpoint bytearray bytes chr complex delattr dir divmod format hash help hex id input issubclass memoryview oct ord pow repr round slice sum ArithmeticError AssertionError AttributeError BaseException Exception KeyError IndexError ImportError ModuleNotFoundError NameError NotImplementedError OSError RuntimeError StopIteration TimeoutError TypeError ValueError ZeroDivisionError ConnectionError FileNotFoundError PermissionError KeyboardInterrupt SystemExit Warning UserWarning DeprecationWarning None True False Ellipsis NotImplemented __name__ __file__ __doc__".split(
    " "
  )
)

/** Names the rules can act on, for the trackable-name check below. */
const actionable = [
  ...members.keys(),
  ...dangerousCalls.keys(),
  ...classes.keys(),
  ...safeYamlLoaders,
  "numpy.load",
  "yaml.load",
  "yaml.load_all",
  "sys.modules",
  "importlib.import_module",
  "io.open",
  "codecs.open",
  "builtins.open",
  "operator.methodcaller",
  "operator.attrgetter"
]
const prefixes: ReadonlySet<string> = new Set(actionable.flatMap((q) => q.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."))))

/**
 * Whether the analysis follows a qualified name: it leads to something in this table, or it lies
 * inside an EPICS library (whose unknown members count as writes). `numpy.linalg.norm` is not
 * followed: nothing it leads to matters, and following every such name costs time for nothing.
 */
export const isTracked = (qualified: string, extra: ReadonlySet<string> = none): boolean =>
  prefixes.has(qualified) || extra.has(qualified) || isEpicsModule(qualified)

const none: ReadonlySet<string> = new Set()

/** `time.sleep` -> time, time.sleep: what `isTracked` must accept for a name to be followed. */
export const prefixesOf = (names: Iterable<string>): ReadonlySet<string> =>
  new Set([...names].flatMap((q) => q.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."))))
