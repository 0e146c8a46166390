import { execFile } from "node:child_process"
import * as path from "node:path"
import { promisify } from "node:util"
import type Docker from "dockerode"
import { ExecutorConfig } from "../../src/index.js"
import { docker } from "./container.js"

const run = promisify(execFile)
const repo = path.resolve(import.meta.dirname, "../../../..")

/**
 * A control room on Docker as deploy/compose.yaml builds one: a soft IOC container on a control-system network,
 * an internal read-only network with no host address, and the read-only gateway container on both.
 */
export interface DockerSite {
  readonly controls: string
  readonly readOnly: string
  readonly gateway: string
  readonly iocAddress: string
  readonly gatewayAddress: string
  /** The IOC's values as it holds them (read inside its container). */
  readonly values: () => Promise<{ ca: number; pva: number }>
  readonly remove: () => Promise<void>
}

const created: Array<() => Promise<unknown>> = []
const quietly = (p: Promise<unknown>) => p.catch(() => undefined)

/** An internal network on a free /24 of 10.213.x.0 (Docker refuses one that overlaps another). */
const internalNetwork = async (name: string) => {
  for (let attempt = 0; ; attempt++) {
    const third = 1 + Math.floor(Math.random() * 250)
    try {
      await docker.createNetwork({
        Name: name,
        Internal: true,
        Options: { "com.docker.network.bridge.inhibit_ipv4": "true" },
        IPAM: { Config: [{ Subnet: `10.213.${third}.0/24` }] }
      })
      return `10.213.${third}`
    } catch (e) {
      if (attempt > 10) throw e
    }
  }
}

const started = async (options: Docker.ContainerCreateOptions) => {
  const container = await docker.createContainer(options)
  created.unshift(() => container.remove({ force: true }))
  await container.start()
  return container
}

const waitForLine = async (container: Docker.Container, line: string, times = 1, timeoutMs = 30_000) => {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const logs = (await container.logs({ stdout: true, stderr: true })).toString("latin1")
    if (logs.split("\n").filter((l) => l.includes(line)).length >= times) return
    const { State } = await container.inspect()
    if (!State.Running) throw new Error(`container ended: ${logs.slice(-2000)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no '${line}' within ${timeoutMs} ms`)
}

const removeAll = async () => {
  for (const undo of created.splice(0)) await quietly(undo())
}

export const make = (tag = `${process.pid}`): Promise<DockerSite> => build(tag).catch(async (e) => {
  await removeAll()
  throw e
})

const build = async (tag: string): Promise<DockerSite> => {
  const image = ExecutorConfig.defaultImage
  const controls = `pyexec-test-controls-${tag}`
  const readOnly = `pyexec-test-readonly-${tag}`
  const gateway = `pyexec-test-gateway-${tag}`
  await docker.createNetwork({ Name: controls })
  created.unshift(() => docker.getNetwork(controls).remove())
  const subnet = await internalNetwork(readOnly)
  created.unshift(() => docker.getNetwork(readOnly).remove())
  const ioc = await started({
    Image: image,
    name: `pyexec-test-ioc-${tag}`,
    Cmd: ["python3", "/ioc/dockerIoc.py"],
    Env: ["PYTHONUNBUFFERED=1"],
    HostConfig: { NetworkMode: controls, Binds: [`${path.join(import.meta.dirname, "dockerIoc.py")}:/ioc/dockerIoc.py:ro`] }
  })
  await waitForLine(ioc, "ready")
  const iocAddress = (await ioc.inspect()).NetworkSettings.Networks[controls]!.IPAddress
  const gatewayAddress = `${subnet}.2`
  const gw = await docker.createContainer({
    Image: image,
    name: gateway,
    Cmd: ["/opt/pyexec/deploy/gateway/pyexec-gateways", gatewayAddress],
    Env: [
      `EPICS_CA_ADDR_LIST=${iocAddress}`,
      "EPICS_CA_AUTO_ADDR_LIST=NO",
      `EPICS_PVA_ADDR_LIST=${iocAddress}`,
      "EPICS_PVA_AUTO_ADDR_LIST=NO",
      "PYTHONUNBUFFERED=1"
    ],
    HostConfig: {
      NetworkMode: readOnly,
      Sysctls: { "net.ipv4.ip_forward": "0" },
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      ReadonlyRootfs: true,
      Tmpfs: { "/tmp": "rw,nosuid,nodev,size=16m" },
      Binds: [
        `${path.join(repo, "deploy/gateway")}:/opt/pyexec/deploy/gateway:ro`,
        `${path.join(repo, "packages/executors/gateway")}:/opt/pyexec/packages/executors/gateway:ro`
      ]
    },
    NetworkingConfig: { EndpointsConfig: { [readOnly]: { IPAMConfig: { IPv4Address: gatewayAddress } } } }
  })
  created.unshift(() => gw.remove({ force: true }))
  await docker.getNetwork(controls).connect({ Container: gw.id })
  await gw.start()
  await waitForLine(gw, "ready", 2)
  const read = async (script: string) => Number((await run("docker", ["exec", ioc.id, "python3", "-c", script], { timeout: 30_000 })).stdout.trim())
  return {
    controls,
    readOnly,
    gateway,
    iocAddress,
    gatewayAddress,
    values: async () => ({
      ca: await read("from caproto.sync.client import read; print(read('T:CA', timeout=5).data[0])"),
      pva: await read("from p4p.client.thread import Context; print(float(Context('pva').get('T:PVA', timeout=5)))")
    }),
    remove: removeAll
  }
}
