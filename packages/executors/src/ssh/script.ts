import { runnerDir } from "../internal/bundle.js"

/** A word for sh: single-quoted, so nothing in it is expanded. */
export const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Exit statuses of the run script before the runner starts: the code has not run. */
export const setupFailures: Readonly<Record<number, string>> = {
  90: "the run script got no marker on its input",
  91: "cannot create a run folder under the work root",
  92: "cannot unpack the job (tar)",
  93: "the Python interpreter was not found"
}

export interface ScriptSpec {
  readonly python: string
  readonly workRoot: string
  /** The profile's environment for the code (with a sandbox, the job's env.json carries it instead). */
  readonly env: Readonly<Record<string, string>>
  /** The host's pyexec-sandbox, which starts the runner in the boundary, as root through sudo. */
  readonly sandbox?: SandboxRun | undefined
}

export interface SandboxRun {
  /** The command that runs pyexec-sandbox, as words (from the host's configuration). */
  readonly command: string
  readonly gateway: string
  readonly profile: "read-only" | "write"
  /** The sandbox ends the run itself after this long (it runs as root: the SSH user cannot kill it). */
  readonly timeoutSeconds: number
}

/** What starts the runner: the host's Python, or pyexec-sandbox with the run's profile, timeout and folder. */
const runnerCommand = (spec: ScriptSpec) => {
  if (!spec.sandbox) return `${quote(spec.python)} "$d/${runnerDir}/pyexec_runner.py" "$d"`
  const { command, gateway, profile, timeoutSeconds } = spec.sandbox
  const words = command.trim().split(/\s+/).map(quote).join(" ")
  return `${words} --profile ${quote(profile)} --timeout ${Math.ceil(timeoutSeconds)} --gateway ${quote(gateway)} --dir "$d"`
}

/** Environment names a shell can take; any other would be a configuration error. */
export const badEnvNames = (env: Readonly<Record<string, string>>) => Object.keys(env).filter((k) => !envName.test(k))

/**
 * The one exec of a run. Its input is a marker line, then the tar of the job. It unpacks the job into a fresh
 * folder and starts the runner as a session (so process group) leader. The runner's first line on stdout is the
 * marker, its pid and its folder, so that a timeout can kill the group through a second exec (what a login script
 * printed before it is dropped). When the runner has ended, the script writes the marker and then the tar of the
 * manifest and figures on stderr, and removes the folder. Once the runner runs, a dropped connection (SIGPIPE,
 * SIGHUP) does not stop the script: the folder is removed in any case.
 */
export const runScript = (spec: ScriptSpec) => {
  const python = quote(spec.python)
  // relative to the home folder, where the login starts; "~/" is not expanded inside quotes
  const root = quote(spec.workRoot.replace(/^~\//, "").replace(/\/+$/, "") || "/")
  const env = Object.entries(spec.env).map(([k, v]) => `${k}=${quote(v)}`)
  // marker, pid and folder, then the runner in the same process (exec), so the pid is the runner's
  const announce = quote('printf "%s %s %s\\n" "$1" "$$" "$2"; shift 2; exec "$@"')
  const lines = [
    "read -r marker || exit 90",
    ...(spec.sandbox ? [] : [`command -v ${python} >/dev/null 2>&1 || exit 93`]),
    "umask 077",
    `d=$(mktemp -d ${root}/run.XXXXXXXXXX 2>/dev/null || { mkdir -p ${root} && mktemp -d ${root}/run.XXXXXXXXXX; }) || exit 91`,
    // the sandbox takes the folder by its real path (it refuses links)
    'cd "$d" && d=$(pwd -P) || exit 91',
    'tar -xf - || { cd / && rm -rf "$d"; exit 92; }',
    "ss=; command -v setsid >/dev/null 2>&1 && ss=setsid",
    `env ${spec.sandbox ? "" : env.join(" ")} sh -c ${announce} pyexec "$marker" "$d" $ss ${runnerCommand(spec)} </dev/null &`,
    "pid=$!",
    "trap '' PIPE HUP",
    'wait "$pid" 2>/dev/null; status=$?',
    `printf '\\n%s\\n' "$marker" >&2`,
    'set -- manifest.json; test -d figures && set -- "$@" figures; test -f sandbox.json && set -- "$@" sandbox.json; test -f writes.jsonl && set -- "$@" writes.jsonl',
    'tar -cf - "$@" >&2 2>/dev/null',
    'cd / && rm -rf "$d"',
    "exit $status"
  ]
  return `exec sh -c ${quote(lines.join("\n"))}`
}

/**
 * Kills a run's process group (the runner and all it started) while its folder still exists, which guards
 * against a pid that was reused after the run. `thenRemove` also removes the folder, for a run whose own
 * script may be gone.
 */
export const killScript = (pid: number, dir: string, thenRemove = false) => {
  const d = quote(dir)
  const kill = `test -d ${d} && { kill -s KILL -- -${pid} 2>/dev/null || kill -s KILL ${pid} 2>/dev/null; }`
  return `exec sh -c ${quote(thenRemove ? `${kill}; sleep 2; rm -rf ${d}; exit 0` : `${kill}; exit 0`)}`
}

/** What follows the marker on the runner's first line of stdout: "PID FOLDER". */
export const parseAnnounce = (line: string): { pid: number; dir: string } | undefined => {
  const m = /^(\d+) (.+)$/.exec(line)
  return m ? { pid: Number(m[1]), dir: m[2]! } : undefined
}
