/**
 * What pyexec knows about the libraries code may import, for the rules: which members write to EPICS, which
 * read, which classes make objects with which methods, which modules code may import at all, and which calls
 * are dangerous for other reasons. The EPICS part and the allowed modules come from `data/libraries.yaml`
 * (the run-time guard's table is generated from it too: `pnpm generate:guards`); Python's own semantics
 * (containers, `functools.partial`, paths, dangerous calls) are here.
 */
import * as Knowledge from "./knowledge.js"

/** The data file, decoded when this module loads. */
export const knowledge: Knowledge.Knowledge = Knowledge.load()
const typeWrites = Knowledge.typesOf(knowledge)

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
  /** methods whose callbacks get the object itself as their first argument */
  readonly callsBackWithItself?: ReadonlySet<string>
  /** the types of its other attributes (an ophyd Device's components) */
  readonly components?: ReadonlyArray<string>
}

const set = (...names: ReadonlyArray<string>): ReadonlySet<string> => new Set(names)
const topLevel = (q: string) => q.split(".")[0]!

/** EPICS client libraries whose writes neither check follows (CaChannel, ophyd_async): importing one asks. */
export const uncheckedLibraries: ReadonlySet<string> = set(...knowledge.unchecked)

/** Packages whose unknown members are treated as writes: pyexec fails closed on what it cannot name. */
export const epicsModules: ReadonlySet<string> = set(...Object.keys(knowledge.modules).map(topLevel), ...knowledge.unchecked)

const writer: Member = { kind: "epics-write" }
const reader: Member = { kind: "epics-read" }
const neutral: Member = { kind: "neutral" }
const classOf = (name: string): Member => ({ kind: "class", returns: name })

/** Module members by qualified name: the data file's, then Python's own that pass values through. */
const dataMembers = (): ReadonlyArray<readonly [string, Member]> => {
  const out = new Map<string, Member>()
  const put = (q: string, member: Member) => {
    const known = out.get(q)
    if (known !== undefined && (known.kind !== member.kind || known.returns !== member.returns)) {
      throw new Error(`${Knowledge.dataPath}: ${q} is listed as ${member.returns ?? member.kind} and as ${known.returns ?? known.kind}`)
    }
    out.set(q, member)
  }
  for (const [module, m] of Object.entries(knowledge.modules)) {
    for (const name of m.writes) put(`${module}.${name}`, writer)
    for (const name of m.reads) put(`${module}.${name}`, reader)
    for (const name of m.neutral) put(`${module}.${name}`, neutral)
    // a capitalised name makes an instance (a class); a function returning one is a factory: both make the type
    for (const [name, type] of Object.entries(m.makes)) put(`${module}.${name}`, { kind: /^[A-Z]/.test(name) ? "class" : "factory", returns: type })
  }
  for (const [q, type] of Knowledge.constructorsOf(knowledge)) put(q, classOf(type))
  return [...out]
}

const pythonMembers: ReadonlyArray<readonly [string, Member]> = [
  ["functools.partial", { kind: "passthrough" }],
  ["functools.partialmethod", { kind: "passthrough" }],
  ["copy.copy", { kind: "passthrough" }],
  ["copy.deepcopy", { kind: "passthrough" }],
  ["pathlib.Path", classOf("pathlib.Path")],
  ["pathlib.PosixPath", classOf("pathlib.Path")],
  ["operator.methodcaller", neutral]
]

export const members: ReadonlyMap<string, Member> = new Map<string, Member>([...dataMembers(), ...pythonMembers])

export const classes: ReadonlyMap<string, ClassInfo> = new Map<string, ClassInfo>([
  ...Object.entries(knowledge.types).map(
    ([name, t]) =>
      [
        name,
        {
          epics: true,
          writers: typeWrites.get(name)?.writes ?? set(),
          readers: set(...t.reads),
          settable: typeWrites.get(name)?.settable ?? set(),
          neutral: set(...t.neutral),
          factories: new Map(Object.entries(t.factories)),
          callsBackWithItself: set(...t.callsBackWithItself),
          components: t.components
        }
      ] as const
  ),
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

/** Write functions that only read over devices of these types (bluesky's `count` over read-only signals). */
export const readsOver: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(knowledge.modules).flatMap(([module, m]) => Object.entries(m.readsOver).map(([name, types]) => [`${module}.${name}`, set(...types)] as const))
)

/** A path known to leave the run's folder (absolute, `~`, or `..`): the same class, marked. */
export const outsidePath = "pathlib.Path!outside"
;(classes as Map<string, ClassInfo>).set(outsidePath, {
  ...classes.get("pathlib.Path")!,
  factories: new Map([...classes.get("pathlib.Path")!.factories.keys()].map((m) => [m, outsidePath]))
})

for (const member of members.values()) {
  if (member.returns !== undefined && !classes.has(member.returns)) throw new Error(`${Knowledge.dataPath}: type ${member.returns} is made but not described under types`)
}
for (const type of typeWrites.keys()) {
  if (!classes.get(type)?.epics) throw new Error(`${Knowledge.dataPath}: type ${type} has writes but is not described under types`)
}

/** Command-line tools that write to EPICS (rule EPICS002), from the data file. */
export const writeTools: ReadonlyArray<string> = knowledge.commands.tools

/** `python -m MODULE [SUBCOMMAND]` commands that write to EPICS (rule EPICS002), from the data file. */
export const writePythonModules: ReadonlyArray<{ readonly module: string; readonly subcommands: ReadonlyArray<string> }> = knowledge.commands.pythonModules

/** Paths that leave the run's folder: absolute, home-relative, or climbing out with `..`. */
export const isOutsidePath = (path: string) => path.startsWith("/") || path.startsWith("~") || /(^|[\\/])\.\.([\\/]|$)/.test(path)

/** Every attribute of every EPICS class whose assignment writes (`value`, `VAL`): for objects the model cannot trace. */
export const anyEpicsSettable: ReadonlySet<string> = new Set([...classes.values()].filter((c) => c.epics).flatMap((c) => [...c.settable]))

/** Every writer method name of every EPICS class: used when an EPICS object's class cannot be told. */
export const anyEpicsWriterMethod: ReadonlySet<string> = new Set([...classes.values()].filter((c) => c.epics).flatMap((c) => [...c.writers]))

/** Names `from M import *` brings in, for the modules that matter. */
export const starExports = (module: string): ReadonlyArray<string> => {
  const prefix = `${module}.`
  return [...members.keys()].filter((q) => q.startsWith(prefix) && !q.slice(prefix.length).includes(".")).map((q) => q.slice(prefix.length))
}

/** Whether a qualified name lies inside an EPICS library: its top-level package is one (`epicsModules` holds packages). */
export const isEpicsModule = (qualified: string): boolean => {
  const dot = qualified.indexOf(".")
  return epicsModules.has(dot === -1 ? qualified : qualified.slice(0, dot))
}

/** Dangerous calls by qualified name, and the category each belongs to. */
export const dangerousCalls: ReadonlyMap<string, string> = new Map<string, string>([
  ...["run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"].map((f) => [`subprocess.${f}`, "process"] as const),
  ...["system", "popen", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe", "posix_spawn", "posix_spawnp", "fork", "forkpty", "startfile"].map((f) => [`os.${f}`, "process"] as const),
  ["pty.spawn", "process"],
  ["breakpoint", "dynamic-code"],
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
  ["yaml.full_load", "deserialization"],
  ["yaml.full_load_all", "deserialization"],
  ["yaml.Loader", "deserialization"],
  ["yaml.UnsafeLoader", "deserialization"],
  ["yaml.FullLoader", "deserialization"],
  ["yaml.CLoader", "deserialization"],
  ["yaml.CUnsafeLoader", "deserialization"],
  ["yaml.CFullLoader", "deserialization"],
  ["pandas.io.pickle.read_pickle", "deserialization"],
  ["yaml.unsafe_load_all", "deserialization"]
])

/**
 * Methods that start a process or open a connection whatever object they are called on: asyncio's event loop
 * (`loop.subprocess_exec`) and its kin are reached through objects the model does not follow.
 */
export const dangerousMethods: ReadonlyMap<string, string> = new Map<string, string>([
  ...["subprocess_exec", "subprocess_shell"].map((m) => [m, "process"] as const),
  ...["create_connection", "create_datagram_endpoint", "create_unix_connection", "sock_connect", "sock_sendto", "open_connection", "open_unix_connection", "start_server", "create_server", "connect_ex"].map((m) => [m, "network"] as const)
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
  "type",
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
  "breakpoint",
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
  "operator.attrgetter",
  "sys.exc_info",
  "sys.exception"
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
