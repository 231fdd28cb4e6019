// Cold starts of several servers, alternated round by round (A B C, then C B A), so that the machine's
// load falls on all alike: a start is about 20 ms, and a few in a row on a shared machine swing by
// more than the servers differ. Each start: exec, the ready line, the page asked for at once, timed to
// its first byte; the server's CPU time by then is read from the scheduler (steadier than wall time).
import { readFileSync } from 'node:fs'
import { median, startServer } from './process'

/** A server to start: its command line and the path asked for first. */
export type ColdStartServer = { label: string; cmd: string[]; path: string }

/** Medians of one server's cold starts: wall time from exec to the first byte (s), and its CPU time by then (s). */
export type ColdStartFigures = { wall: number; cpu: number; starts: number }

export async function measureColdStarts(servers: ColdStartServer[], rounds: number, cwd: string): Promise<Record<string, ColdStartFigures>> {
  const wall = new Map<string, number[]>(servers.map((s) => [s.label, []]))
  const cpu = new Map<string, number[]>(servers.map((s) => [s.label, []]))
  for (let round = 0; round < rounds; round++) {
    for (const s of round % 2 === 0 ? servers : [...servers].reverse()) {
      const server = await startServer(s.cmd, { cwd })
      try {
        const response = await fetch(new URL(s.path, server.url))
        const at = performance.now()
        const cpuSeconds = cpuTime(server.proc.pid)
        if (response.status !== 200) throw new Error(`${s.label}: ${s.path} answered ${response.status} on a fresh server`)
        await response.arrayBuffer()
        wall.get(s.label)?.push((at - server.spawnedAt) / 1000)
        cpu.get(s.label)?.push(cpuSeconds)
      } finally {
        await server.stop()
      }
    }
  }
  return Object.fromEntries(servers.map((s) => [s.label, { wall: median(wall.get(s.label) ?? []), cpu: median(cpu.get(s.label) ?? []), starts: rounds }]))
}

/** Source of the floor probe: the Elysia hello world plus the least a benchmark page needs (the store opened, its runs read, a route with the name). */
export const floorProbeSource = `import { Elysia } from 'elysia'
import { html } from '@elysiajs/html'
import { Database } from 'bun:sqlite'
const [name, , db] = process.argv.slice(2)
const store = new Database(db, { readonly: true })
const runs = store.query('SELECT r.id, r.title FROM runs r JOIN benchmarks b ON b.id = r.benchmark_id WHERE b.name = ?').all(name)
if (runs.length === 0) throw new Error('no such benchmark')
const app = new Elysia().use(html()).get('/b/:name', ({ params }) => new Response(\`<!doctype html><title>\${params.name}</title><p>\${runs.length} runs</p>\`, { headers: { 'content-type': 'text/html; charset=utf-8' } }))
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (request) => app.handle(request) })
console.log(\`Serving \${name} at \${server.url}\`)
`

// --- internal ---

// CPU time of a process so far (s): the scheduler's count of its main thread, in nanoseconds.
function cpuTime(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9
  } catch {
    return Number.NaN
  }
}
