import { describe, expect, it } from 'bun:test'
import { BenchPlotError } from '../../src/errors'
import { findFreePort, portRange } from '../../src/server'
import { bindPort, randomPort } from '../../src/server/port'

// A random source that replays the given fractions, then repeats the last one.
const sequence = (...xs: number[]) => {
  let i = 0
  return () => xs[Math.min(i++, xs.length - 1)]
}
const inUse = () => Object.assign(new Error('Failed to listen'), { code: 'EADDRINUSE' })

// A fraction whose port (randomPort) is not `except` and can be bound on 127.0.0.1 now, from 0.5 on.
function freeFraction(except: number): number {
  for (let k = 0; k < 64; k++) {
    const fraction = (0.5 + k / 128) % 1
    const port = randomPort(() => fraction)
    if (port === except) continue
    try {
      Bun.listen({ hostname: '127.0.0.1', port, socket: { data() {} } }).stop(true)
      return fraction
    } catch {}
  }
  throw new Error('no free port found to test with')
}

describe('findFreePort', () => {
  it('maps the random source onto 49152-65535, both ends included', () => {
    expect(randomPort(() => 0)).toBe(49152)
    expect(randomPort(() => 0.999999999)).toBe(65535)
    expect(portRange).toEqual({ min: 49152, max: 65535 })
    for (let i = 0; i < 1000; i++) {
      const p = randomPort()
      expect(p >= 49152 && p <= 65535 && Number.isInteger(p)).toBe(true)
    }
  })

  it('returns the first port whose probe succeeds, skipping busy ones', async () => {
    const probed: number[] = []
    const busy = new Set([49152, 50000])
    const port = await findFreePort({
      random: sequence(0, (50000 - 49152) / 16384, (60000 - 49152) / 16384),
      probe: (host, p) => {
        expect(host).toBe('127.0.0.1')
        probed.push(p)
        if (busy.has(p)) throw inUse()
      },
    })
    expect(probed).toEqual([49152, 50000, 60000])
    expect(port).toBe(60000)
  })

  it('probes on the bind address it is given', async () => {
    const hosts: string[] = []
    await findFreePort({ host: '0.0.0.0', probe: (h) => void hosts.push(h) })
    expect(hosts).toEqual(['0.0.0.0'])
  })

  it('gives up after 100 busy ports with the seed message', async () => {
    let tries = 0
    const err = await findFreePort({
      probe: () => {
        tries++
        throw inUse()
      },
    }).catch((e) => e)
    expect(tries).toBe(100)
    expect(err).toBeInstanceOf(BenchPlotError)
    expect(err.message).toBe('Could not find a free port after 100 attempts')
  })

  it('surfaces any other error at once, as it is', async () => {
    let tries = 0
    const other = Object.assign(new Error('Failed to listen at 10.255.255.1'), { code: 'EADDRNOTAVAIL' })
    const err = await findFreePort({
      probe: () => {
        tries++
        throw other
      },
    }).catch((e) => e)
    expect(tries).toBe(1)
    expect(err).toBe(other)
  })

  it('probes with a real Bun.listen: a port held here is never returned', async () => {
    const held = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
    try {
      const heldFraction = (held.port - 49152 + 0.5) / 16384
      // The next candidate is one free just now: the range overlaps Linux's ephemeral ports, so a fixed
      // one (57344) was once taken by another program's connection and every attempt failed.
      const next = freeFraction(held.port)
      const port = await findFreePort({ random: sequence(heldFraction, next) })
      if (held.port >= 49152) expect(port).not.toBe(held.port)
      expect(port).toBe(randomPort(() => next))
    } finally {
      held.stop(true)
    }
  })
})

describe('bindPort', () => {
  it('picks again when the real bind loses the race after a successful probe', async () => {
    const bound: number[] = []
    const result = await bindPort(
      (port) => {
        bound.push(port)
        if (bound.length < 3) throw inUse()
        return port
      },
      { random: sequence(0, 0.25, 0.5), probe: () => {} },
    )
    expect(bound).toEqual([49152, 53248, 57344])
    expect(result).toBe(57344)
  })

  it('uses an explicit port as given, and says in one line when it is busy', async () => {
    const err = await bindPort(
      () => {
        throw inUse()
      },
      { port: 8123, host: '127.0.0.1' },
    ).catch((e) => e)
    expect(err).toBeInstanceOf(BenchPlotError)
    expect(err.message).toBe('port 8123 on 127.0.0.1 is already in use (choose another with --port, or leave --port out to pick a free one)')
  })

  it('reports a bad bind address as a one-line error', async () => {
    const err = await bindPort(
      () => 0,
      {
        host: '10.255.255.1',
        probe: () => {
          throw Object.assign(new Error('Failed to listen at 10.255.255.1'), { code: 'EADDRNOTAVAIL' })
        },
      },
    ).catch((e) => e)
    expect(err).toBeInstanceOf(BenchPlotError)
    expect(err.message).toBe('cannot listen on 10.255.255.1: EADDRNOTAVAIL: Failed to listen at 10.255.255.1')
  })
})
