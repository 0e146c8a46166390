// m-scratch.ts
import * as fs from "node:fs";

// src/internal/parse.ts
import Parser from "tree-sitter";
import Python from "tree-sitter-python";
var parser;
var parse = (source) => {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Python);
  }
  return parser.parse(source);
};

// src/internal/syntaxTree.ts
var kinds = [];
var internalized = (text) => Object.keys({ [text]: 0 })[0];
var none = [];
var leaves = /* @__PURE__ */ new Set(["identifier", "integer", "float", "true", "false", "none", "ellipsis"]);
var dropped = /* @__PURE__ */ new Set(["comment", "string_start", "string_end", "escape_sequence"]);
var fromTree = (tree) => {
  const cursor = tree.walk();
  const root = { type: internalized(cursor.nodeType), start: cursor.startIndex, end: cursor.endIndex, children: none };
  const stack = [root];
  if (!cursor.gotoFirstChild()) return root;
  for (; ; ) {
    const id = cursor.nodeTypeId;
    let type = kinds[id];
    if (type === void 0) {
      type = cursor.nodeIsNamed && !dropped.has(cursor.nodeType) ? internalized(cursor.nodeType) : null;
      kinds[id] = type;
    }
    if (type !== null) {
      const node = { type, start: cursor.startIndex, end: cursor.endIndex, children: none };
      const parent = stack[stack.length - 1];
      if (parent.children === none) parent.children = [node];
      else parent.children.push(node);
      if (!leaves.has(type) && cursor.gotoFirstChild()) {
        stack.push(node);
        continue;
      }
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent() || stack.length <= 1) return root;
      stack.pop();
    }
  }
};

// src/internal/dependencies.ts
var Dependencies = class {
  readers = /* @__PURE__ */ new Map();
  visiting;
  /** The part being visited (undefined: reads are not recorded). */
  visit(part) {
    this.visiting = part;
  }
  read(key) {
    if (this.visiting === void 0) return;
    let parts = this.readers.get(key);
    if (!parts) {
      parts = /* @__PURE__ */ new Set();
      this.readers.set(key, parts);
    }
    parts.add(this.visiting);
  }
  changed(key) {
    const parts = this.readers.get(key);
    if (parts) for (const part of parts) part.stale = true;
  }
};

// src/internal/libraries.ts
var set = (...names) => new Set(names);
var epicsModules = set(
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
  "bluesky.plans"
);
var writer = { kind: "epics-write" };
var reader = { kind: "epics-read" };
var neutral = { kind: "neutral" };
var classOf = (name) => ({ kind: "class", returns: name });
var factoryOf = (name) => ({ kind: "factory", returns: name });
var members = new Map([
  // pyepics
  ["epics.caput", writer],
  ["epics.caput_many", writer],
  ["epics.ca.put", writer],
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
  ["caproto.sync.client.write", writer],
  ["caproto.sync.client.read", reader],
  ["caproto.sync.client.subscribe", reader],
  ["caproto.threading.client.Context", classOf("caproto.threading.client.Context")],
  ["caproto.threading.client.SharedBroadcaster", neutral],
  ["caproto.threading.pyepics_compat.PV", classOf("epics.PV")],
  ["caproto.threading.pyepics_compat.caput", writer],
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
  ["cothread.catools.caput", writer],
  ["cothread.catools.caget", reader],
  ["cothread.catools.camonitor", reader],
  ["aioca.caput", writer],
  ["aioca.caget", reader],
  // bluesky: plans move and set devices through the RunEngine
  ...["mv", "mvr", "abs_set", "rel_set", "move_per_step", "one_1d_step", "one_nd_step", "configure", "stage", "unstage", "trigger_and_read"].map(
    (f) => [`bluesky.plan_stubs.${f}`, writer]
  ),
  ...["scan", "rel_scan", "grid_scan", "rel_grid_scan", "list_scan", "rel_list_scan", "spiral", "tune_centroid", "count", "adaptive_scan"].map(
    (f) => [`bluesky.plans.${f}`, writer]
  ),
  ...["rd", "read", "sleep", "null", "open_run", "close_run", "checkpoint"].map((f) => [`bluesky.plan_stubs.${f}`, f === "rd" || f === "read" ? reader : neutral]),
  ["bluesky.RunEngine", classOf("bluesky.RunEngine")],
  // generic
  ["functools.partial", { kind: "passthrough" }],
  ["functools.partialmethod", { kind: "passthrough" }],
  ["copy.copy", { kind: "passthrough" }],
  ["copy.deepcopy", { kind: "passthrough" }],
  ["pathlib.Path", classOf("pathlib.Path")],
  ["pathlib.PosixPath", classOf("pathlib.Path")],
  ["operator.methodcaller", neutral]
]);
var epicsClass = (c2) => ({
  epics: true,
  writers: set(...c2.writers),
  readers: set(...c2.readers),
  settable: set(...c2.settable ?? []),
  neutral: set(...c2.neutral ?? []),
  factories: new Map(c2.factories ?? [])
});
var classes = /* @__PURE__ */ new Map([
  [
    "epics.PV",
    epicsClass({
      writers: ["put", "put_many"],
      readers: ["get", "get_ctrlvars", "get_timevars", "get_with_metadata", "get_enum_strings", "wait_for_connection", "poll"],
      settable: ["value", "char_value"],
      neutral: ["pvname", "connected", "count", "type", "host", "units", "precision", "timestamp", "severity", "status", "char_value", "value", "add_callback", "remove_callback", "clear_callbacks", "disconnect", "reconnect", "info", "upper_disp_limit", "lower_disp_limit", "enum_strs"]
    })
  ],
  ["epics.Device", epicsClass({ writers: ["put", "save_state", "restore_state", "write_state"], readers: ["get", "get_all", "read_attrs"], neutral: ["add_pv", "add_callback", "remove_callbacks", "pv"] })],
  ["epics.Motor", epicsClass({ writers: ["move", "put", "tweak", "set_position", "stop", "set_hw_position", "set_position"], readers: ["get", "get_position", "within_limits", "check_limits"], settable: ["VAL", "value", "drive"] })],
  ["epics.Alarm", epicsClass({ writers: [], readers: [], neutral: ["reset"] })],
  ["epics.ca.chid", epicsClass({ writers: [], readers: [] })],
  [
    "caproto.threading.client.Context",
    epicsClass({ writers: [], readers: [], factories: [["get_pvs", "caproto.PV"]], neutral: ["disconnect", "search"] })
  ],
  ["caproto.PV", epicsClass({ writers: ["write"], readers: ["read", "subscribe", "wait_for_connection"], neutral: ["name", "connected", "unsubscribe_all", "go_idle"] })],
  ["p4p.Context", epicsClass({ writers: ["put", "rpc"], readers: ["get", "monitor"], neutral: ["close", "disconnect"] })],
  [
    "pvaccess.Channel",
    epicsClass({
      writers: ["put", "putInt", "putUInt", "putShort", "putUShort", "putLong", "putULong", "putByte", "putUByte", "putFloat", "putDouble", "putString", "putBoolean", "putScalarArray", "putGet", "asyncPut", "setValue"],
      readers: ["get", "subscribe", "startMonitor", "monitor"],
      neutral: ["stopMonitor", "unsubscribe", "getName", "isConnected", "setConnectionCallback"]
    })
  ],
  ["ophyd.Signal", epicsClass({ writers: ["put", "set", "set_and_wait"], readers: ["get", "read", "describe", "wait_for_connection", "subscribe"], neutral: ["name", "connected", "unsubscribe", "clear_sub"] })],
  ["ophyd.SignalRO", epicsClass({ writers: [], readers: ["get", "read", "describe", "wait_for_connection", "subscribe"], neutral: ["name", "connected"] })],
  ["ophyd.Motor", epicsClass({ writers: ["move", "set", "put", "stop", "home", "set_current_position", "set_and_wait"], readers: ["get", "read", "position", "describe", "wait_for_connection"], neutral: ["name", "connected", "moving"] })],
  ["bluesky.RunEngine", epicsClass({ writers: [], readers: [], neutral: ["subscribe", "unsubscribe", "stop", "abort", "halt", "pause", "resume", "md"] })],
  ["ophyd.Device", epicsClass({ writers: ["put", "set", "stage", "unstage", "trigger", "configure", "move", "stop"], readers: ["get", "read", "describe", "read_configuration", "describe_configuration", "wait_for_connection", "summary"], neutral: ["name", "connected", "component_names"] })],
  [
    "pathlib.Path",
    {
      epics: false,
      writers: set(),
      readers: set(),
      settable: set(),
      neutral: set(),
      factories: /* @__PURE__ */ new Map([
        ["joinpath", "pathlib.Path"],
        ["resolve", "pathlib.Path"],
        ["absolute", "pathlib.Path"],
        ["with_name", "pathlib.Path"],
        ["with_suffix", "pathlib.Path"],
        ["expanduser", "pathlib.Path"]
      ]),
      dangerous: /* @__PURE__ */ new Map([
        ["unlink", "file-delete"],
        ["rmdir", "file-delete"]
      ])
    }
  ]
]);
var outsidePath = "pathlib.Path!outside";
classes.set(outsidePath, {
  ...classes.get("pathlib.Path"),
  factories: new Map([...classes.get("pathlib.Path").factories.keys()].map((m2) => [m2, outsidePath]))
});
var isOutsidePath = (path) => path.startsWith("/") || path.startsWith("~") || /(^|[\\/])\.\.([\\/]|$)/.test(path);
var anyEpicsWriterMethod = new Set([...classes.values()].filter((c2) => c2.epics).flatMap((c2) => [...c2.writers]));
var starExports = (module) => {
  const prefix = `${module}.`;
  return [...members.keys()].filter((q) => q.startsWith(prefix) && !q.slice(prefix.length).includes(".")).map((q) => q.slice(prefix.length));
};
var isEpicsModule = (qualified) => {
  for (let q = qualified; q.length > 0; q = q.slice(0, Math.max(0, q.lastIndexOf(".")))) {
    if (epicsModules.has(q)) return true;
    if (!q.includes(".")) break;
  }
  return false;
};
var dangerousCalls = new Map([
  ...["run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"].map((f) => [`subprocess.${f}`, "process"]),
  ...["system", "popen", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe", "posix_spawn", "posix_spawnp", "fork", "forkpty", "startfile"].map((f) => [`os.${f}`, "process"]),
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
  ...["remove", "unlink", "rmdir", "removedirs"].map((f) => [`os.${f}`, "file-delete"]),
  ["shutil.rmtree", "file-delete"],
  ...["socket", "create_connection", "create_server", "socketpair", "fromfd"].map((f) => [`socket.${f}`, "network"]),
  ...["urlopen", "Request", "urlretrieve", "build_opener"].map((f) => [`urllib.request.${f}`, "network"]),
  ["urllib.urlopen", "network"],
  ["urllib2.urlopen", "network"],
  ...["get", "post", "put", "patch", "delete", "head", "options", "request", "Session"].map((f) => [`requests.${f}`, "network"]),
  ...["get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "Client", "AsyncClient"].map((f) => [`httpx.${f}`, "network"]),
  ...["HTTPConnection", "HTTPSConnection"].map((f) => [`http.client.${f}`, "network"]),
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
]);
var safeYamlLoaders = set("yaml.SafeLoader", "yaml.CSafeLoader", "yaml.BaseLoader", "yaml.CBaseLoader");
var passthroughBuiltins = set(
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
);
var passthroughMethods = set(
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
);
var storingMethods = set("append", "extend", "insert", "add", "update", "setdefault", "appendleft", "put", "put_nowait", "__setitem__");
var knownBuiltins = set(
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
);
var pythonBuiltins = set(
  ...knownBuiltins,
  ..."abs aiter all anext any ascii bin bool breakpoint bytearray bytes chr complex delattr dir divmod format hash help hex id input issubclass memoryview oct ord pow repr round slice sum ArithmeticError AssertionError AttributeError BaseException Exception KeyError IndexError ImportError ModuleNotFoundError NameError NotImplementedError OSError RuntimeError StopIteration TimeoutError TypeError ValueError ZeroDivisionError ConnectionError FileNotFoundError PermissionError KeyboardInterrupt SystemExit Warning UserWarning DeprecationWarning None True False Ellipsis NotImplemented __name__ __file__ __doc__".split(
    " "
  )
);
var actionable = [
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
];
var prefixes = new Set(actionable.flatMap((q) => q.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."))));
var isTracked = (qualified, extra = none2) => prefixes.has(qualified) || extra.has(qualified) || isEpicsModule(qualified);
var none2 = /* @__PURE__ */ new Set();

// src/internal/scopes.ts
var targetNames = (target, source, out = []) => {
  switch (target.type) {
    case "identifier":
      out.push(source.slice(target.start, target.end));
      break;
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "tuple":
    case "list":
    case "expression_list":
    case "list_splat_pattern":
    case "list_splat":
    case "parenthesized_expression":
    case "as_pattern_target":
      for (const child of target.children) targetNames(child, source, out);
      break;
  }
  return out;
};
var paramName = (param, source) => {
  if (param.type === "identifier") return source.slice(param.start, param.end);
  const first = param.children[0];
  if (!first) return void 0;
  return first.type === "identifier" ? source.slice(first.start, first.end) : paramName(first, source);
};
var decoratorNames = (decorated, source) => decorated?.type === "decorated_definition" ? decorated.children.filter((c2) => c2.type === "decorator").map((c2) => source.slice(c2.start, c2.end)) : [];
var collectScopes = (root, source) => {
  const scopes = /* @__PURE__ */ new Map();
  let nextId = 0;
  const make = (kind, node, parent, extra = {}) => {
    const scope = { id: nextId++, kind, parent, node, names: /* @__PURE__ */ new Set(), globals: /* @__PURE__ */ new Set(), nonlocals: /* @__PURE__ */ new Set(), params: [], starImports: [], ...extra };
    scopes.set(node, scope);
    return scope;
  };
  const module = make("module", root, void 0);
  const bind = (scope, names) => {
    for (const name of names) scope.names.add(name);
  };
  const text = (n) => source.slice(n.start, n.end);
  const visit = (node, scope, parent) => {
    switch (node.type) {
      case "function_definition":
      case "class_definition": {
        const [name] = node.children;
        if (name?.type === "identifier") scope.names.add(text(name));
        if (node.type === "function_definition") {
          const decorators = decoratorNames(parent, source);
          const selfIs = scope.kind !== "class" ? "none" : decorators.some((d) => d.includes("staticmethod")) ? "none" : decorators.some((d) => d.includes("classmethod")) ? "class" : "instance";
          const inner = make("function", node, scope, scope.kind === "class" ? { methodOf: scope, selfIs } : {});
          for (const child of node.children) {
            if (child.type === "parameters") {
              for (const param of child.children) {
                const p = paramName(param, source);
                if (p) {
                  inner.params.push(p);
                  inner.names.add(p);
                }
                for (const part of param.children.slice(1)) visit(part, scope, param);
              }
            } else if (child.type === "block") visit(child, inner, node);
            else if (child !== name) visit(child, scope, node);
          }
        } else {
          const inner = make("class", node, scope);
          for (const child of node.children) {
            if (child.type === "block") visit(child, inner, node);
            else if (child !== name) visit(child, scope, node);
          }
        }
        return;
      }
      case "lambda": {
        const inner = make("lambda", node, scope);
        for (const child of node.children) {
          if (child.type === "lambda_parameters") {
            for (const param of child.children) {
              const p = paramName(param, source);
              if (p) {
                inner.params.push(p);
                inner.names.add(p);
              }
            }
          } else visit(child, inner, node);
        }
        return;
      }
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression": {
        const inner = make("comprehension", node, scope);
        for (const child of node.children) visit(child, inner, node);
        return;
      }
      case "for_in_clause":
      case "for_statement":
        if (node.children[0]) bind(scope, targetNames(node.children[0], source));
        break;
      case "assignment":
      case "augmented_assignment":
        if (node.children[0]) bind(scope, targetNames(node.children[0], source));
        break;
      case "named_expression": {
        const target = node.children[0];
        let s = scope;
        while (s.kind === "comprehension" && s.parent) s = s.parent;
        if (target) bind(s, targetNames(target, source));
        break;
      }
      case "as_pattern": {
        const alias = node.children[1];
        if (alias) bind(scope, targetNames(alias, source));
        break;
      }
      case "import_statement":
        for (const child of node.children) {
          if (child.type === "aliased_import") {
            const alias = child.children[1];
            if (alias) scope.names.add(text(alias));
          } else if (child.type === "dotted_name") scope.names.add(text(child).split(".")[0].trim());
        }
        return;
      case "import_from_statement": {
        const [from, ...names] = node.children;
        for (const child of names) {
          if (child.type === "aliased_import") {
            const alias = child.children[1];
            if (alias) scope.names.add(text(alias));
          } else if (child.type === "dotted_name") scope.names.add(text(child));
          else if (child.type === "wildcard_import" && from?.type === "dotted_name") module.starImports.push(text(from).replace(/\s+/g, ""));
        }
        return;
      }
      case "global_statement":
        for (const child of node.children) {
          scope.globals.add(text(child));
          module.names.add(text(child));
        }
        return;
      case "nonlocal_statement":
        for (const child of node.children) scope.nonlocals.add(text(child));
        return;
    }
    for (const child of node.children) visit(child, scope, node);
  };
  for (const child of root.children) visit(child, module, root);
  return { module, scopes };
};
var resolve = (scope, name, module) => {
  if (scope.globals.has(name)) return module;
  if (scope.nonlocals.has(name)) {
    for (let s = scope.parent; s; s = s.parent) if (s.kind !== "class" && s.names.has(name)) return s;
    return void 0;
  }
  if (scope.names.has(name)) return scope;
  for (let s = scope.parent; s; s = s.parent) {
    if (s.kind !== "class" && s.names.has(name)) return s;
  }
  return void 0;
};
var enclosingFunction = (scope) => {
  for (let s = scope; s; s = s.parent) {
    if (s.kind === "function" || s.kind === "lambda") return s;
    if (s.kind === "class" || s.kind === "module") return void 0;
  }
  return void 0;
};

// src/internal/model.ts
var EMPTY = /* @__PURE__ */ new Set();
var maxQualifiedDepth = 7;
var maxFlowPasses = 25;
var union = (a, b) => {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const out = new Set(a);
  for (const v of b) out.add(v);
  return out;
};
var classify = (value) => {
  if (value === "epics-any") return "unknown-epics";
  if (value.startsWith("q:")) {
    const q = value.slice(2);
    const member = members.get(q);
    if (member) return member.kind === "epics-write" ? "write" : member.kind === "epics-read" ? "read" : void 0;
    const dot = q.lastIndexOf(".");
    if (dot > 0) {
      const owner = members.get(q.slice(0, dot));
      if (owner?.kind === "class" && owner.returns) {
        const info = classes.get(owner.returns);
        const m2 = q.slice(dot + 1);
        if (info?.writers.has(m2)) return "write";
        if (info?.readers.has(m2)) return "read";
        return info?.epics ? info.neutral.has(m2) ? void 0 : "unknown-epics" : void 0;
      }
      if (isEpicsModule(q.slice(0, dot)) && !epicsModules.has(q)) return "unknown-epics";
    }
    return void 0;
  }
  if (value.startsWith("meth:")) {
    const rest = value.slice(5);
    const dot = rest.lastIndexOf(".");
    const info = classes.get(rest.slice(0, dot));
    const m2 = rest.slice(dot + 1);
    if (!info) return void 0;
    if (info.writers.has(m2)) return "write";
    if (info.readers.has(m2)) return "read";
    if (info.neutral.has(m2) || info.factories.has(m2) || !info.epics) return void 0;
    return "unknown-epics";
  }
  return void 0;
};
var isEpicsValue = (v) => {
  if (v === "epics-any" || v === "reflect") return true;
  if (v.startsWith("q:")) return isEpicsModule(v.slice(2));
  if (v.startsWith("obj:")) return classes.get(v.slice(4))?.epics ?? false;
  if (v.startsWith("meth:")) {
    const rest = v.slice(5);
    return classes.get(rest.slice(0, rest.lastIndexOf(".")))?.epics ?? false;
  }
  return false;
};
var literalString = (node, text) => {
  if (node?.type !== "string") return void 0;
  if (node.children.some((c2) => c2.type === "interpolation")) return void 0;
  return node.children.filter((c2) => c2.type === "string_content").map(text).join("");
};
var build = (root, source, tracked = /* @__PURE__ */ new Set()) => {
  const text = (n) => source.slice(n.start, n.end);
  const { module, scopes } = collectScopes(root, source);
  const byId = new Map([...scopes.values()].map((s) => [s.id, s]));
  const symbols = /* @__PURE__ */ new Map();
  const classBases = /* @__PURE__ */ new Map();
  const dependencies = new Dependencies();
  let changed = false;
  let memo;
  const singletons = /* @__PURE__ */ new Map();
  const one = (v) => {
    let set2 = singletons.get(v);
    if (!set2) {
      set2 = /* @__PURE__ */ new Set([v]);
      singletons.set(v, set2);
    }
    return set2;
  };
  const add = (key, values) => {
    if (values.size === 0) return;
    let current = symbols.get(key);
    if (!current) {
      current = /* @__PURE__ */ new Set();
      symbols.set(key, current);
    }
    const before = current.size;
    for (const v of values) current.add(v);
    if (current.size !== before) {
      changed = true;
      dependencies.changed(key);
    }
  };
  const get = (key) => {
    dependencies.read(key);
    return symbols.get(key) ?? EMPTY;
  };
  const basesOf = (classId) => {
    dependencies.read(`bases:${classId}`);
    return classBases.get(classId) ?? EMPTY;
  };
  const lookup = (scope, name) => {
    const where = resolve(scope, name, module);
    if (where) return get(`${where.id}:${name}`);
    if (pythonBuiltins.has(name)) return knownBuiltins.has(name) ? one(`q:${name}`) : EMPTY;
    for (const m2 of module.starImports) {
      if (starExports(m2).includes(name) || isEpicsModule(m2)) return one(`q:${m2}.${name}`);
    }
    return EMPTY;
  };
  const methods = /* @__PURE__ */ new Map();
  for (const [node, s] of scopes) {
    if (!s.methodOf || !node.children[0]) continue;
    const table = methods.get(s.methodOf.id) ?? /* @__PURE__ */ new Map();
    table.set(text(node.children[0]), s);
    methods.set(s.methodOf.id, table);
  }
  const methodOf = (classScope, name) => methods.get(classScope.id)?.get(name);
  const attrOf = (v, name, depth = 0) => {
    if (depth > 8) return EMPTY;
    if (v.startsWith("q:")) {
      const next = `${v.slice(2)}.${name}`;
      return v.split(".").length >= maxQualifiedDepth || !isTracked(next, tracked) ? EMPTY : one(`q:${next}`);
    }
    if (v.startsWith("obj:")) {
      const info = classes.get(v.slice(4));
      const known = info && (info.writers.has(name) || info.readers.has(name) || info.factories.has(name) || info.dangerous?.has(name));
      if (info && !known && info.neutral.has(name)) return EMPTY;
      if (!known && (passthroughMethods.has(name) || storingMethods.has(name))) return EMPTY;
      return one(`meth:${v.slice(4)}.${name}`);
    }
    if (v === "epics-any" || v === "reflect") return one("epics-any");
    if (v.startsWith("inst:") || v.startsWith("cls:")) {
      const classScope = byId.get(Number(v.slice(v.indexOf(":") + 1)));
      const method = methodOf(classScope, name);
      let out = method ? one(`${v.startsWith("inst:") && method.selfIs === "instance" ? "bfn" : "fn"}:${method.id}`) : EMPTY;
      out = union(out, get(`${classScope.id}:${name}`));
      out = union(out, get(`.${name}`));
      for (const base of basesOf(classScope.id)) {
        const asInstance = v.startsWith("inst:") ? instanceOf(base) : /* @__PURE__ */ new Set([base]);
        for (const b of asInstance) out = union(out, attrOf(b, name, depth + 1));
      }
      return out;
    }
    return EMPTY;
  };
  const instanceOf = (v) => {
    if (v.startsWith("cls:")) return one(`inst:${v.slice(4)}`);
    if (v.startsWith("q:")) {
      const member = members.get(v.slice(2));
      if (member?.kind === "class" || member?.kind === "factory") return one(`obj:${member.returns}`);
      if (isEpicsValue(v)) return one("epics-any");
    }
    return EMPTY;
  };
  const callResult = (v, call, scope) => {
    const args = call.children[1]?.children ?? [];
    const positional = args.filter((a) => a.type !== "keyword_argument");
    const argsUnion = () => positional.reduce((acc, a) => union(acc, evaluate(a, scope)), EMPTY);
    if (v.startsWith("q:")) {
      const q = v.slice(2);
      const member = members.get(q);
      if (member?.kind === "passthrough") return positional[0] ? evaluate(positional[0], scope) : EMPTY;
      if (member && q !== "pathlib.Path" && q !== "pathlib.PosixPath") return member.kind === "class" || member.kind === "factory" ? instanceOf(v) : EMPTY;
      if (q === "getattr" && positional[0]) {
        const name = literalString(positional[1], text);
        const target = evaluate(positional[0], scope);
        if (name !== void 0) return [...target].reduce((acc, t) => union(acc, attrOf(t, name)), EMPTY);
        return [...target].some(isEpicsValue) ? one("epics-any") : EMPTY;
      }
      if (q === "__import__" || q === "importlib.import_module") {
        const name = literalString(positional[0], text);
        return name === void 0 ? one("epics-any") : one(`q:${q === "__import__" ? name.split(".")[0] : name}`);
      }
      if (q === "globals" || q === "locals" || q === "vars" && positional.length === 0) return one("reflect");
      if (q === "vars" && [...evaluate(positional[0], scope)].some((a) => a.startsWith("q:") || isEpicsValue(a))) return one("reflect");
      if ((member?.kind === "class" || member === void 0) && (q === "pathlib.Path" || q === "pathlib.PosixPath")) {
        const path = literalString(positional[0], text);
        if (path !== void 0 && isOutsidePath(path)) return one(`obj:${outsidePath}`);
      }
      if (passthroughBuiltins.has(q)) return argsUnion();
      if (member) return instanceOf(v);
      return classify(v) === "unknown-epics" ? one("epics-any") : EMPTY;
    }
    if (v.startsWith("meth:")) {
      const rest = v.slice(5);
      const dot = rest.lastIndexOf(".");
      const returns = classes.get(rest.slice(0, dot))?.factories.get(rest.slice(dot + 1));
      return returns ? one(`obj:${returns}`) : EMPTY;
    }
    if (v.startsWith("fn:") || v.startsWith("bfn:")) return get(`ret:${v.slice(v.indexOf(":") + 1)}`);
    if (v.startsWith("cls:")) return instanceOf(v);
    if (v === "epics-any" || v === "reflect") return one("epics-any");
    return EMPTY;
  };
  const evaluate = (node, scope) => {
    const cached = memo?.get(node);
    if (cached) return cached;
    const result = evaluateUncached(node, scope);
    memo?.set(node, result);
    return result;
  };
  const evaluateUncached = (node, scope) => {
    const [first, second] = node.children;
    switch (node.type) {
      case "identifier":
        return lookup(scope, text(node));
      case "attribute": {
        if (!first || !second) return EMPTY;
        const name = text(second);
        let out = EMPTY;
        for (const v of evaluate(first, scope)) out = union(out, attrOf(v, name));
        return out;
      }
      case "call": {
        if (!first) return EMPTY;
        let out = EMPTY;
        for (const v of evaluate(first, scope)) out = union(out, callResult(v, node, scope));
        if (first.type === "attribute" && first.children[1] && passthroughMethods.has(text(first.children[1])) && first.children[0]) {
          out = union(out, evaluate(first.children[0], scope));
        }
        return out;
      }
      case "subscript": {
        const container = first ? evaluate(first, scope) : EMPTY;
        return container.has("reflect") ? union(container, one("epics-any")) : container;
      }
      case "lambda":
        return one(`fn:${scopes.get(node).id}`);
      case "list_comprehension":
      case "set_comprehension":
      case "generator_expression":
        return first ? evaluate(first, scopes.get(node)) : EMPTY;
      case "dictionary_comprehension":
        return first?.children[1] ? evaluate(first.children[1], scopes.get(node)) : EMPTY;
      case "pair":
        return second ? evaluate(second, scope) : EMPTY;
      case "binary_operator": {
        const left = first ? evaluate(first, scope) : EMPTY;
        return new Set([...left].filter((v) => v.startsWith("obj:pathlib.")));
      }
      case "conditional_expression":
        return union(first ? evaluate(first, scope) : EMPTY, node.children[2] ? evaluate(node.children[2], scope) : EMPTY);
      case "named_expression":
        return second ? evaluate(second, scope) : EMPTY;
      case "list":
      case "tuple":
      case "set":
      case "dictionary":
      case "expression_list":
      case "pattern_list":
      case "boolean_operator":
      case "parenthesized_expression":
      case "await":
      case "list_splat":
      case "dictionary_splat":
      case "keyword_argument": {
        let out = EMPTY;
        for (const child of node.type === "keyword_argument" ? node.children.slice(1) : node.children) out = union(out, evaluate(child, scope));
        return out;
      }
      default:
        return EMPTY;
    }
  };
  const bind = (target, values, scope) => {
    if (values.size === 0) return;
    switch (target.type) {
      case "identifier": {
        const name = text(target);
        const where = resolve(scope, name, module) ?? scope;
        add(`${where.id}:${name}`, values);
        return;
      }
      case "attribute":
        if (target.children[1]) add(`.${text(target.children[1])}`, values);
        return;
      case "subscript":
        if (target.children[0]) bind(target.children[0], values, scope);
        return;
      default:
        for (const child of target.children) bind(child, values, scope);
    }
  };
  const flowArguments = (callee, call, scope) => {
    const args = call.children[1]?.type === "argument_list" ? call.children[1].children : [];
    for (const v of callee) {
      let target;
      let offset = 0;
      if (v.startsWith("fn:") || v.startsWith("bfn:")) {
        target = byId.get(Number(v.slice(v.indexOf(":") + 1)));
        offset = v.startsWith("bfn:") ? 1 : 0;
      } else if (v.startsWith("cls:")) {
        target = methodOf(byId.get(Number(v.slice(4))), "__init__");
        offset = 1;
      }
      if (!target) continue;
      let i = offset;
      for (const arg of args) {
        if (arg.type === "keyword_argument") {
          const [name, value] = arg.children;
          if (name && value && target.params.includes(text(name))) add(`${target.id}:${text(name)}`, evaluate(value, scope));
        } else if (arg.type !== "list_splat" && arg.type !== "dictionary_splat") {
          const param = target.params[i++];
          if (param) add(`${target.id}:${param}`, evaluate(arg, scope));
        }
      }
    }
  };
  const flow = (node, scope) => {
    const [first, second] = node.children;
    switch (node.type) {
      case "function_definition":
      case "class_definition": {
        flowHeader(node, scope);
        for (const child of node.children) if (child.type === "block") flow(child, scopes.get(node));
        return;
      }
      case "lambda": {
        const inner = scopes.get(node);
        const body = node.children[node.children.length - 1];
        if (body) {
          add(`ret:${inner.id}`, evaluate(body, inner));
          flow(body, inner);
        }
        return;
      }
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression": {
        const inner = scopes.get(node);
        for (const child of node.children) flow(child, inner);
        return;
      }
      case "return_statement":
      case "yield": {
        const fn = enclosingFunction(scope);
        if (fn && first) add(`ret:${fn.id}`, evaluate(first, scope));
        break;
      }
      case "assignment": {
        const value = node.children[node.children.length - 1];
        if (first && value && value !== first) {
          const rhs = value.type === "assignment" ? evaluate(value.children[value.children.length - 1], scope) : evaluate(value, scope);
          bind(first, rhs, scope);
        }
        break;
      }
      case "augmented_assignment":
        if (first && second) bind(first, evaluate(second, scope), scope);
        break;
      case "named_expression":
        if (first && second) bind(first, evaluate(second, scope), enclosingNonComprehension(scope));
        break;
      case "for_statement":
      case "for_in_clause":
        if (first && second) bind(first, evaluate(second, scope), scope);
        break;
      case "as_pattern":
        if (first && second) bind(second, evaluate(first, scope), scope);
        break;
      case "import_statement":
        for (const child of node.children) {
          if (child.type === "aliased_import" && child.children[0] && child.children[1]) {
            bind(child.children[1], one(`q:${text(child.children[0]).replace(/\s+/g, "")}`), scope);
          } else if (child.type === "dotted_name") {
            const head = child.children[0];
            if (head) bind(head, one(`q:${text(head)}`), scope);
          }
        }
        return;
      case "import_from_statement": {
        if (first?.type !== "dotted_name") return;
        const from = text(first).replace(/\s+/g, "");
        for (const child of node.children.slice(1)) {
          if (child.type === "aliased_import" && child.children[0] && child.children[1]) {
            const q = `${from}.${text(child.children[0])}`;
            if (isTracked(q, tracked)) bind(child.children[1], one(`q:${q}`), scope);
          } else if (child.type === "dotted_name" && isTracked(`${from}.${text(child)}`, tracked)) {
            bind(child.children[0], one(`q:${from}.${text(child)}`), scope);
          }
        }
        return;
      }
      case "call": {
        if (first) {
          const callee = evaluate(first, scope);
          flowArguments(callee, node, scope);
          if (first.type === "attribute" && first.children[0] && first.children[1] && storingMethods.has(text(first.children[1]))) {
            for (const arg of second?.children ?? []) bind(first.children[0], evaluate(arg, scope), scope);
          }
          if (callee.has("q:setattr") && second) {
            const [target, name, value] = second.children;
            const literal = literalString(name, text);
            if (target && literal !== void 0 && value) add(`.${literal}`, evaluate(value, scope));
          }
        }
        break;
      }
    }
    for (const child of node.children) flow(child, scope);
  };
  const flowHeader = (node, scope) => {
    const inner = scopes.get(node);
    const name = node.children[0];
    if (node.type === "function_definition") {
      if (name) bind(name, one(`fn:${inner.id}`), scope);
      if (inner.methodOf && inner.selfIs !== "none" && inner.params[0]) {
        add(`${inner.id}:${inner.params[0]}`, one(`${inner.selfIs === "instance" ? "inst" : "cls"}:${inner.methodOf.id}`));
      }
      return;
    }
    if (name) bind(name, one(`cls:${inner.id}`), scope);
    for (const child of node.children) {
      if (child.type !== "argument_list") continue;
      let bases = EMPTY;
      for (const base of child.children) if (base.type !== "keyword_argument") bases = union(bases, evaluate(base, scope));
      const before = classBases.get(inner.id) ?? EMPTY;
      const after = union(before, bases);
      classBases.set(inner.id, after);
      if (after.size !== before.size) {
        changed = true;
        dependencies.changed(`bases:${inner.id}`);
      }
    }
  };
  const flowParts = [];
  const addParts = (node, scope) => {
    if (node.type === "decorated_definition") {
      for (const child of node.children) addParts(child, scope);
    } else if (node.type === "function_definition" || node.type === "class_definition") {
      flowParts.push({ node, scope, header: true, stale: true });
      const inner = scopes.get(node);
      for (const child of node.children) if (child.type === "block") for (const statement of child.children) addParts(statement, inner);
    } else {
      flowParts.push({ node, scope, header: false, stale: true });
    }
  };
  const enclosingNonComprehension = (scope) => {
    let s = scope;
    while (s.kind === "comprehension" && s.parent) s = s.parent;
    return s;
  };
  for (const child of root.children) addParts(child, module);
  let settled = false;
  for (let i = 0; i < maxFlowPasses && !settled; i++) {
    changed = false;
    for (const part of flowParts) {
      if (!part.stale) continue;
      part.stale = false;
      dependencies.visit(part);
      memo = /* @__PURE__ */ new Map();
      if (part.header) flowHeader(part.node, part.scope);
      else flow(part.node, part.scope);
    }
    settled = !changed;
  }
  dependencies.visit(void 0);
  memo = /* @__PURE__ */ new Map();
  const writes = [];
  const reads = [];
  const unknownEpicsCalls = [];
  const calls = [];
  const namespaceAccess = [];
  const describe = (values) => [...values].map((v) => v.startsWith("q:") ? v.slice(2) : v.startsWith("meth:") ? `${v.slice(5).replace(/\.([^.]+)$/, "().$1")}` : v).filter((v) => !v.startsWith("fn:") && !v.startsWith("bfn:") && !v.startsWith("cls:") && !v.startsWith("inst:")).sort().join(", ");
  const report = (node, values, kind) => {
    if (values.size === 0) return;
    const kinds2 = /* @__PURE__ */ new Set();
    for (const v of values) kinds2.add(classify(v));
    const named = (wanted) => describe(new Set([...values].filter((v) => wanted(classify(v)))));
    if (kinds2.has("write")) writes.push({ node, kind, what: named((k) => k === "write") });
    else if (kind === "call" && kinds2.has("unknown-epics")) unknownEpicsCalls.push({ node, kind, what: named((k) => k !== void 0) });
    else if (kinds2.has("read")) reads.push({ node, kind, what: named((k) => k === "read") });
  };
  const storeTarget = (target, scope) => {
    if (target.type === "attribute" && target.children[0] && target.children[1]) {
      const object = evaluate(target.children[0], scope);
      const name = text(target.children[1]);
      for (const v of object) {
        const info = v.startsWith("obj:") ? classes.get(v.slice(4)) : void 0;
        if (info?.epics && (info.settable.has(name) || !info.neutral.has(name)) || v === "epics-any") {
          writes.push({ node: target, kind: "store", what: `${v === "epics-any" ? "an EPICS object" : v.slice(4)}.${name}` });
          break;
        }
      }
      sites(target.children[0], scope);
    } else if (target.type === "subscript") {
      for (const child of target.children) sites(child, scope);
    } else {
      for (const child of target.children) storeTarget(child, scope);
    }
  };
  const sites = (node, scope) => {
    const [first, second] = node.children;
    switch (node.type) {
      case "function_definition":
      case "class_definition": {
        const inner = scopes.get(node);
        for (const child of node.children) {
          if (child.type === "block") sites(child, inner);
          else if (child.type === "parameters") for (const p of child.children) for (const d of p.children.slice(1)) sites(d, scope);
          else if (child !== first) sites(child, scope);
        }
        return;
      }
      case "lambda":
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression": {
        const inner = scopes.get(node);
        for (const child of node.children) if (child.type !== "lambda_parameters") sites(child, inner);
        return;
      }
      case "import_statement":
      case "import_from_statement":
      case "global_statement":
      case "nonlocal_statement":
        return;
      case "assignment":
      case "augmented_assignment":
      case "for_statement":
      case "for_in_clause":
        if (first) storeTarget(first, scope);
        for (const child of node.children.slice(1)) sites(child, scope);
        if (node.type === "augmented_assignment" && first?.type === "identifier") sites(first, scope);
        return;
      case "keyword_argument":
        if (second) sites(second, scope);
        return;
      case "call": {
        if (!first) return;
        const callee = evaluate(first, scope);
        report(node, callee, "call");
        const args = second?.type === "argument_list" ? second.children : [];
        const positional = args.filter((a) => a.type !== "keyword_argument");
        const keywords = /* @__PURE__ */ new Map();
        for (const a of args) if (a.type === "keyword_argument" && a.children[0] && a.children[1]) keywords.set(text(a.children[0]), a.children[1]);
        calls.push({ node, function: first, callee, positional, keywords, argValues: (i) => positional[i] ? evaluate(positional[i], scope) : EMPTY });
        const method = callee.has("q:operator.methodcaller") ? literalString(positional[0], text) : void 0;
        if (method !== void 0 && anyEpicsWriterMethod.has(method)) writes.push({ node, kind: "call", what: `operator.methodcaller("${method}"), which calls an EPICS write method by name` });
        if (callee.has("q:setattr") && positional[0]) {
          const target = evaluate(positional[0], scope);
          if ([...target].some((v) => isEpicsValue(v) || v.startsWith("obj:"))) writes.push({ node, kind: "setattr", what: `setattr on ${describe(target)}` });
        }
        if (first.type === "attribute") {
          if (first.children[0]) sites(first.children[0], scope);
        } else if (first.type !== "identifier") sites(first, scope);
        if (second) sites(second, scope);
        return;
      }
      case "identifier":
      case "attribute": {
        const values = evaluate(node, scope);
        report(node, values, "reference");
        if (node.type === "attribute") {
          const name = second ? text(second) : "";
          const viaSys = name === "modules" && first !== void 0 && evaluate(first, scope).has("q:sys");
          if (viaSys || name === "__dict__" || name === "__builtins__" || name === "__globals__") namespaceAccess.push({ node, kind: "reference", what: text(node) });
          if (first && first.type !== "identifier" && first.type !== "attribute") sites(first, scope);
          else if (first?.type === "attribute") sitesInside(first, scope);
        } else if (text(node) === "__builtins__") namespaceAccess.push({ node, kind: "reference", what: "__builtins__" });
        return;
      }
    }
    for (const child of node.children) sites(child, scope);
  };
  const sitesInside = (node, scope) => {
    const [first] = node.children;
    if (!first) return;
    if (first.type === "attribute") sitesInside(first, scope);
    else if (first.type !== "identifier") sites(first, scope);
  };
  for (const child of root.children) sites(child, module);
  const final = memo;
  const valuesAt = (node) => final.get(node) ?? EMPTY;
  const namesAt = (node) => [...valuesAt(node)].flatMap((v) => v.startsWith("q:") ? [v.slice(2)] : v.startsWith("meth:") ? [v.slice(5)] : v.startsWith("obj:") ? [`${v.slice(4)}()`] : []);
  return { source, text, settled, writes, reads, unknownEpicsCalls, calls, namespaceAccess, describe, valuesAt, namesAt };
};

// m-scratch.ts
var cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
var files = JSON.parse(fs.readFileSync("/tmp/ab/corpus.json", "utf8"));
var trees = files.map((f) => parse(f));
var roots = trees.map(fromTree);
var N = Number(process.argv[2] ?? 15);
var m = [];
var c = [];
for (let r = 0; r < N; r++) {
  let s = cpu();
  for (let i = 0; i < files.length; i++) build(roots[i], files[i]);
  m.push(cpu() - s);
  s = cpu();
  for (const t of trees) fromTree(t);
  c.push(cpu() - s);
}
var stat = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return `min ${s[0].toFixed(0)} med ${s[s.length >> 1].toFixed(0)}`;
};
console.log(`model ${stat(m)}   copy ${stat(c)}`);
