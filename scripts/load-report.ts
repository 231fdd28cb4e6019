// Load a served store for a while and report, every 10 s, requests per second, the 99th percentile
// latency and the server's resident memory (issue 22). Not part of `bun run test`: it takes minutes.
// The mix has the pages and API a browser asks for and the hostile requests a server must refuse
// quickly (a foreign Host, malformed percent-encoding, a traversal); any other status counts as an error.
//
//   bun run build && bun scripts/load-report.ts [--seconds 60] [--connections 64] [--samples 1e4] [--bin ./bench-plot]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sweepShape, writeHistory } from './bench/generate'

const { values } = parseArgs({
  options: { seconds: { type: 'string' }, connections: { type: 'string' }, samples: { type: 'string' }, bin: { type: 'string' }, every: { type: 'string' } },
})
const seconds = Number(values.seconds ?? 60)
const connections = Number(values.connections ?? 64)
const samples = Number(values.samples ?? 1e4)
const every = Number(values.every ?? 10)
const bin = resolve(values.bin ?? 'bench-plot')
if (!(seconds > 0) || !(connections > 0) || !Number.isInteger(samples) || !(every > 0)) {
  console.error('usage: bun scripts/load-report.ts [--seconds 60] [--connections 64] [--samples 1e4] [--every 10] [--bin ./bench-plot]')
  process.exit(2)
}

const work = mkdtempSync(join(tmpdir(), 'bench-plot-load-'))
const shape = sweepShape(samples)
const db = join(work, 'bench-plot.sqlite')
await writeHistory(shape, db)
const server = Bun.spawn([bin, 'serve', '--db', db, '--no-open'], { stdout: 'pipe', stderr: 'inherit' })
const reader = server.stdout.getReader()
let banner = ''
while (!/at (http:\/\/\S+)/.test(banner)) {
  const { value, done } = await reader.read()
  if (done) throw new Error(`server exited: ${banner}`)
  banner += new TextDecoder().decode(value)
}
const base = (banner.match(/at (http:\/\/\S+)/) as RegExpMatchArray)[1]
const name = encodeURIComponent(shape.name)

// [path, expected status, extra headers]
const mix: [string, number, Record<string, string>][] = [
  ['', 200, {}],
  [`b/${name}`, 200, {}],
  ['api/benchmarks', 200, {}],
  [`api/benchmarks/${name}`, 200, {}],
  [`api/benchmarks/${name}/runs/1/samples.csv`, 200, {}],
  ['b/no-such-benchmark', 404, {}],
  ['api/benchmarks', 421, { host: 'rebound.example' }],
  ['b/%ff%fe', 400, {}],
  ['media/..%2f..%2fetc%2fpasswd', 404, {}],
]

type Window = { latencies: number[]; errors: number; bytes: number }
let window: Window = { latencies: [], errors: 0, bytes: 0 }
const total = { requests: 0, errors: 0, intervals: [] as { t: number; rps: number; p99: number; rssMB: number; errors: number }[] }
const t0 = performance.now()
const deadline = t0 + seconds * 1000

async function loop(k: number): Promise<void> {
  let i = k
  while (performance.now() < deadline) {
    const [path, status, headers] = mix[i++ % mix.length]
    const start = performance.now()
    try {
      const res = await fetch(base + path, { redirect: 'manual', headers })
      const body = await res.arrayBuffer()
      window.bytes += body.byteLength
      if (res.status !== status && !(path === '' && res.status === 302)) window.errors++
    } catch {
      window.errors++
    }
    window.latencies.push(performance.now() - start)
  }
}

function rssMB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return m ? Number(m[1]) / 1024 : Number.NaN
}

function report(final = false): void {
  const w = window
  window = { latencies: [], errors: 0, bytes: 0 }
  const t = (performance.now() - t0) / 1000
  const span = final ? t - total.intervals.length * every : every
  if (span < 1) {
    // The tail after the last full interval is too short for a rate: counted in the totals only.
    total.requests += w.latencies.length
    total.errors += w.errors
    return
  }
  const sorted = w.latencies.sort((a, b) => a - b)
  const p99 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : Number.NaN
  const line = { t: Math.round(t), rps: Math.round(w.latencies.length / span), p99: Number(p99.toFixed(1)), rssMB: Number(rssMB(server.pid).toFixed(1)), errors: w.errors }
  total.requests += w.latencies.length
  total.errors += w.errors
  total.intervals.push(line)
  console.log(`t=${String(line.t).padStart(4)} s  ${String(line.rps).padStart(6)} req/s  p99 ${String(line.p99).padStart(7)} ms  rss ${String(line.rssMB).padStart(7)} MB  errors ${line.errors}`)
}

console.log(`load: ${base} ${shape.name} (${samples} samples x ${shape.runs} runs), ${connections} connections, ${seconds} s, ${mix.length} kinds of request`)
const timer = setInterval(report, every * 1000)
await Promise.all(Array.from({ length: connections }, (_, k) => loop(k)))
clearInterval(timer)
if (window.latencies.length > 0) report(true)
console.log(JSON.stringify({ requests: total.requests, errors: total.errors, seconds: (performance.now() - t0) / 1000, connections, samples, intervals: total.intervals }))
server.kill()
await server.exited
rmSync(work, { recursive: true, force: true })
