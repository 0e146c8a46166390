import { describe, expect, it } from "@effect/vitest"
import type Docker from "dockerode"
import { defaultPorts, judge, type Observed } from "../src/container/ReadOnlyNetwork.js"

// The check's verdict on what the engine reports, one weakness at a time (the live test attaches real containers).
const spec = { name: "ro", gateway: "gw", ...defaultPorts }
const sound: Observed = {
  network: { Name: "ro", Internal: true, Driver: "bridge", EnableIPv6: false, Options: { "com.docker.network.bridge.inhibit_ipv4": "true" } } as unknown as Docker.NetworkInspectInfo,
  attached: [
    { Names: ["/gw"], Labels: {} },
    { Names: ["/sandbox-1"], Labels: { "pyexec.managed": "true", "pyexec.network": "ro" } }
  ] as unknown as Array<Docker.ContainerInfo>,
  gateway: {
    State: { Running: true, Health: { Status: "healthy" } },
    HostConfig: { Sysctls: { "net.ipv4.ip_forward": "0" }, Privileged: false, CapAdd: null },
    NetworkSettings: { Networks: { ro: { IPAddress: "10.1.2.2" } } }
  } as unknown as Docker.ContainerInspectInfo
}
const problems = (seen: Observed) => {
  const verdict = judge(spec, seen)
  return verdict._tag === "sound" ? [] : verdict.problems
}
const gateway = (patch: object) => ({ ...sound.gateway!, ...patch }) as Docker.ContainerInspectInfo

describe("the read-only network's check", () => {
  it("passes a sound network, and points the runs at the gateway", () => {
    expect(judge(spec, sound)).toMatchObject({ _tag: "sound", clientEnv: { EPICS_CA_ADDR_LIST: "10.1.2.2", EPICS_PVA_ADDR_LIST: "10.1.2.2", EPICS_CA_AUTO_ADDR_LIST: "NO" } })
  })
  it.each([
    ["a missing network", { ...sound, network: undefined }, /does not exist/],
    ["a network that routes out", { ...sound, network: { ...sound.network!, Internal: false } }, /not internal/],
    ["a host address on the network", { ...sound, network: { ...sound.network!, Options: {} } }, /inhibit_ipv4/],
    ["IPv6", { ...sound, network: { ...sound.network!, EnableIPv6: true } }, /IPv6/],
    ["another container on it", { ...sound, attached: [...sound.attached, { Names: ["/server"], Labels: {} } as unknown as Docker.ContainerInfo] }, /'server' is attached/],
    ["a sandbox of another network", { ...sound, attached: [{ Names: ["/s"], Labels: { "pyexec.managed": "true", "pyexec.network": "other" } } as unknown as Docker.ContainerInfo] }, /'s' is attached/],
    ["no gateway", { ...sound, gateway: undefined }, /does not exist/],
    ["a stopped gateway", { ...sound, gateway: gateway({ State: { Running: false } }) }, /not running/],
    ["an unhealthy gateway", { ...sound, gateway: gateway({ State: { Running: true, Health: { Status: "unhealthy" } } }) }, /unhealthy/],
    ["a gateway that may forward", { ...sound, gateway: gateway({ HostConfig: { Sysctls: {} } }) }, /ip_forward=0/],
    ["a gateway with NET_ADMIN", { ...sound, gateway: gateway({ HostConfig: { Sysctls: { "net.ipv4.ip_forward": "0" }, CapAdd: ["NET_ADMIN"] } }) }, /NET_ADMIN/],
    ["a gateway off the network", { ...sound, gateway: gateway({ NetworkSettings: { Networks: {} } }) }, /not attached/]
  ] as const)("fails %s", (_, seen, message) => {
    expect(problems(seen as Observed).join("\n")).toMatch(message)
  })
})
