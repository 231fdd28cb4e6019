import { BenchPlotError } from '../errors'

/** The IANA dynamic range, as bencher's `_find_free_port`. */
export const portRange = { min: 49152, max: 65535 } as const

export type FindFreePortOptions = {
  /** Address the probe binds, the one the server will bind. @default '127.0.0.1' */
  host?: string
  /** How many random ports to try. @default 100 */
  attempts?: number
  /** A number in [0, 1), as Math.random; tests pass their own. @default Math.random */
  random?: () => number
  /** Bind and release a port; throws like Bun.listen. Tests pass their own. @default a Bun.listen probe */
  probe?: (host: string, port: number) => void
}

/**
 * Find a free TCP port by probing random ports in 49152-65535 (inclusive) on `host`.
 * Only "address in use" moves on to another port; any other error is thrown as it is.
 * After every attempt found a busy port it throws `Could not find a free port after N attempts`.
 * @example
 * const port = await findFreePort({ host: '0.0.0.0' })
 */
export async function findFreePort(opts: FindFreePortOptions = {}): Promise<number> {
  const o = { host: '127.0.0.1', attempts: 100, random: Math.random, probe: probePort, ...opts } satisfies Required<FindFreePortOptions>
  for (let i = 0; i < o.attempts; i++) {
    const port = randomPort(o.random)
    try {
      o.probe(o.host, port)
      return port
    } catch (err) {
      if (!isAddressInUse(err)) throw err
    }
  }
  throw new BenchPlotError('SERVE', `Could not find a free port after ${o.attempts} attempts`)
}

/** A uniform whole number in portRange, inclusive at both ends. */
export function randomPort(random: () => number = Math.random): number {
  return portRange.min + Math.floor(random() * (portRange.max - portRange.min + 1))
}

/** Whether an error from Bun.listen / Bun.serve means the port is taken. */
function isAddressInUse(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'EADDRINUSE'
}

/**
 * Bind with `bind(port)`: on the given port, or on a found one. Unlike bencher, a port taken between
 * the probe and the real bind (another server started at the same moment) is not fatal: another is picked.
 */
export async function bindPort<T>(bind: (port: number) => T, opts: FindFreePortOptions & { port?: number } = {}): Promise<T> {
  const host = opts.host ?? '127.0.0.1'
  if (opts.port !== undefined) {
    try {
      return bind(opts.port)
    } catch (err) {
      throw bindError(err, host, opts.port)
    }
  }
  const attempts = opts.attempts ?? 100
  for (let i = 0; ; i++) {
    let port: number
    try {
      port = await findFreePort(opts)
    } catch (err) {
      if (err instanceof BenchPlotError) throw err
      throw new BenchPlotError('SERVE', `cannot listen on ${host}: ${describeError(err)}`, { cause: err })
    }
    try {
      return bind(port)
    } catch (err) {
      if (!isAddressInUse(err) || i + 1 >= attempts) throw bindError(err, host, port)
    }
  }
}

// --- internal ---

function probePort(host: string, port: number): void {
  const listener = Bun.listen({ hostname: host, port, socket: { data() {} } })
  listener.stop(true)
}

function bindError(err: unknown, host: string, port: number): BenchPlotError {
  if (isAddressInUse(err)) return new BenchPlotError('SERVE', `port ${port} on ${host} is already in use (choose another with --port, or leave --port out to pick a free one)`, { cause: err })
  return new BenchPlotError('SERVE', `cannot listen on ${host}:${port}: ${describeError(err)}`, { cause: err })
}

function describeError(err: unknown): string {
  const code = (err as { code?: string } | null)?.code
  const message = String((err as Error)?.message ?? err).split('\n')[0]
  return code ? `${code}: ${message}` : message
}
