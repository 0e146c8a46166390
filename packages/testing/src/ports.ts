import * as dgram from "node:dgram"
import * as net from "node:net"

const bindsOn = (socket: net.Server | dgram.Socket, port: number) =>
  new Promise<boolean>((resolve) => {
    socket.once("error", () => resolve(false))
    if (socket instanceof net.Server) socket.listen(port, "127.0.0.1", () => resolve(true))
    else socket.bind(port, "127.0.0.1", () => resolve(true))
  })

/** A port on 127.0.0.1 free for both TCP and UDP a moment ago (EPICS servers bind both). */
export const freePort = async (): Promise<number> => {
  for (;;) {
    const tcp = net.createServer()
    await bindsOn(tcp, 0)
    const { port } = tcp.address() as net.AddressInfo
    const udp = dgram.createSocket("udp4")
    const free = await bindsOn(udp, port)
    await new Promise((resolve) => tcp.close(resolve))
    if (free) await new Promise<void>((resolve) => udp.close(() => resolve()))
    if (free) return port
  }
}

const portTaken = (error: unknown) => /Address already in use|EADDRINUSE|Errno 98/.test(String(error))

/**
 * Starts a server on ports chosen free a moment before: another process (a parallel test file) may take one in
 * between, so a start that fails for a taken port is tried again on new ones.
 */
export const retryWhilePortTaken = async <A>(start: () => Promise<A>, attempts = 5): Promise<A> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start()
    } catch (error) {
      if (attempt >= attempts || !portTaken(error)) throw error
    }
  }
}
