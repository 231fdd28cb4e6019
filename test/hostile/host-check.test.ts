import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { startServer, type ServerProcess } from '../helpers/binary'
import { importedStore, rawGet } from './helpers'

// Point 1 of issue 22: a page whose name rebinds to 127.0.0.1 must not read the results.
describe('Host check (DNS rebinding)', () => {
  let server: ServerProcess
  let allowing: ServerProcess
  beforeAll(async () => {
    const { db } = await importedStore()
    server = await startServer(['serve', 'sort', '--db', db, '--no-open'])
    allowing = await startServer(['serve', 'sort', '--db', db, '--no-open', '--allow-host', 'bench.example.org'])
  })
  afterAll(async () => {
    await server?.stop()
    await allowing?.stop()
  })

  const routes = ['/', '/b/sort', '/api/benchmarks', '/api/benchmarks/sort', '/nothing-here']

  it('answers the loopback names and addresses with the port served', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`, `[::1]:${server.port}`, '127.0.0.1', 'localhost']) {
      for (const path of routes) expect([200, 302, 404]).toContain((await rawGet(server.port, path, host)).status)
    }
  })

  it('refuses every other name, and a loopback name on another port, before any route reads the store', async () => {
    const hostile = ['evil.example', `evil.example:${server.port}`, `attacker.localhost:${server.port}`, `127.0.0.1.evil.example:${server.port}`, `localhost:${server.port + 1}`, `127.0.0.1:1`, '', 'localhost:abc', `[::1]x:${server.port}`]
    for (const host of hostile) {
      for (const path of routes) {
        const r = await rawGet(server.port, path, host)
        expect([400, 421]).toContain(r.status)
        expect(r.body).not.toContain('"sort"')
        expect(r.body).not.toContain('Sorting')
      }
    }
  })

  it('answers a name given with --allow-host, and still no other', async () => {
    expect((await rawGet(allowing.port, '/api/benchmarks', 'bench.example.org')).status).toBe(200)
    expect((await rawGet(allowing.port, '/api/benchmarks', `bench.example.org:${allowing.port}`)).status).toBe(200)
    expect((await rawGet(allowing.port, '/api/benchmarks', 'other.example.org')).status).toBe(421)
  })
})

describe('--host 0.0.0.0', () => {
  it('warns that every interface can read the results, answers IP addresses and still refuses other names', async () => {
    const { db } = await importedStore()
    const server = await startServer(['serve', 'sort', '--db', db, '--no-open', '--host', '0.0.0.0'])
    try {
      expect(server.stderr()).toMatch(/^bench-plot: warning: --host 0\.0\.0\.0 serves every network interface: anyone who can reach this machine can read the results\n/)
      expect((await rawGet(server.port, '/api/benchmarks', `127.0.0.1:${server.port}`)).status).toBe(200)
      expect((await rawGet(server.port, '/api/benchmarks', '192.168.1.20:8080')).status).toBe(200)
      expect((await rawGet(server.port, '/api/benchmarks', `rebound.example:${server.port}`)).status).toBe(421)
    } finally {
      await server.stop()
    }
  })
})
