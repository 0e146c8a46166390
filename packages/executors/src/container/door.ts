import type Docker from "dockerode"
import { labels, ownerLabel, removeQuietly } from "./sandbox.js"

/**
 * The network of read-only sandboxes: a container with no network of its own (only its loopback) whose namespace
 * the read-only sandboxes join (`container:<id>`), and into which the relay opens the read-only gateways' ports.
 * So a read-only sandbox reaches the gateways and nothing else: no IOC, no host, no other container.
 */
export interface Door {
  readonly networkMode: string
  /** The namespace's path on this host, for the relay. */
  readonly netns: string
  readonly remove: () => Promise<void>
}

export const open = async (docker: Docker, image: string): Promise<Door> => {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ["python3", "-c", "import signal; signal.pause()"],
    User: "10001:10001",
    Labels: { [labels.managed]: "true", [labels.owner]: ownerLabel(), [labels.network]: "door" },
    HostConfig: {
      NetworkMode: "none",
      ReadonlyRootfs: true,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Memory: 32 * 1024 * 1024,
      PidsLimit: 4,
      LogConfig: { Type: "none", Config: {} }
    }
  })
  try {
    await container.start()
    const { State } = await container.inspect()
    if (!State.Pid) throw new Error("the door container has no process")
    return { networkMode: `container:${container.id}`, netns: `/proc/${State.Pid}/ns/net`, remove: () => removeQuietly(container) }
  } catch (e) {
    await removeQuietly(container)
    throw e
  }
}
