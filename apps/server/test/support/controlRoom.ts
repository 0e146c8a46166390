import { execFile } from "node:child_process"
import * as path from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)
const caprotoGet = process.env.VIRTUAL_ENV ? path.join(process.env.VIRTUAL_ENV, "bin/caproto-get") : "caproto-get"
const caprotoPut = process.env.VIRTUAL_ENV ? path.join(process.env.VIRTUAL_ENV, "bin/caproto-put") : "caproto-put"

/**
 * The control room of examples/controlroom, as `scripts/services start` announces it: its EPICS client settings
 * under PYEXEC_CONTROLROOM_EPICS_*, so that no other test reaches it by accident.
 */
export const controlRoomEnv = (): Record<string, string> => {
  const named = "PYEXEC_CONTROLROOM_"
  const env = Object.fromEntries(
    Object.entries(process.env)
      .filter((entry): entry is [string, string] => entry[0].startsWith(`${named}EPICS_`) && entry[1] !== undefined)
      .map(([key, value]) => [key.slice(named.length), value])
  )
  if (env.EPICS_CA_SERVER_PORT === undefined || env.EPICS_PVA_SERVER_PORT === undefined)
    throw new Error('no control room: PYEXEC_CONTROLROOM_EPICS_* are not set. Run `eval "$(scripts/services start)"` (it starts scripts/controlroom) before the tests')
  if (process.env.PYEXEC_CONTROLROOM_PREFIX !== "SR:")
    throw new Error(`the examples read SR:* PVs, the control room serves ${process.env.PYEXEC_CONTROLROOM_PREFIX ?? "?"}*: start it with the default prefix (scripts/controlroom start)`)
  return env
}

/** Independent reads and writes of the control room, with caproto's command-line clients. */
export const controlRoom = async () => {
  const epics = controlRoomEnv()
  // caproto's command-line clients say a timeout on stdout and exit with 0: what they print tells.
  const caproto = async (command: string, args: ReadonlyArray<string>, answer: RegExp) => {
    const { stdout } = await run(command, ["--no-repeater", "--timeout", "5", ...args], { env: { ...process.env, ...epics }, timeout: 20_000 })
    if (!answer.test(stdout)) throw new Error(`${path.basename(command)} ${args.join(" ")}: ${stdout.trim()}`)
    return stdout.trim()
  }
  const caget = (pv: string) => caproto(caprotoGet, ["--terse", pv], /^(?!Timed out)\S/)
  const caput = (pv: string, value: string) => caproto(caprotoPut, [pv, value], /^New : /m)
  await caget("SR:MODE").catch((error: Error) => {
    throw new Error(`the control room does not answer: run scripts/services start (its log: .services/controlroom/ioc.log): ${error.message}`)
  })
  return { epics, caget, caput }
}
