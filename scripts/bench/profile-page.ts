// Where the first page of a benchmark spends its time, in one process, through the public surface
// only (openStore, storeSource, createApp): store reads, then the first and repeated requests.
// With --cpu-prof, prints self time by source file and by function, from Bun's own CPU profiler.
//
//   bun scripts/bench/profile-page.ts DB NAME [--cpu-prof]
// The profiled child does the reads and the first request only, so that the profile is the first page's.
//   bun run bench -- --sizes 1e6 --keep   # leaves a store to profile in the printed work folder
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const args = process.argv.slice(2)
const [db, name] = args.filter((a) => !a.startsWith('--'))
if (!db || !name) {
  console.error('usage: bun scripts/bench/profile-page.ts DB NAME [--cpu-prof]')
  process.exit(2)
}

if (args.includes('--cpu-prof')) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-plot-prof-'))
  const proc = Bun.spawnSync([process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, import.meta.path, db, name, '--first-only'], { stdout: 'inherit', stderr: 'inherit' })
  if (proc.exitCode !== 0) process.exit(proc.exitCode ?? 1)
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no profile written in ${dir}`)
  printSelfTime(join(dir, file))
  console.log(`profile: ${join(dir, file)} (open it in Chrome DevTools or speedscope)`)
  process.exit(0)
}

const { openReadStore } = await import('../../src/store')
const { createApp, storeSource } = await import('../../src/server')

const lap = (() => {
  let t = performance.now()
  return (label: string, extra = '') => {
    const now = performance.now()
    console.log(`${label.padEnd(34)} ${(now - t).toFixed(1).padStart(9)} ms ${extra}`)
    t = now
  }
})()

const firstOnly = args.includes('--first-only')
const store = await openReadStore(resolve(db))
lap('openStore (read-only)')
const headers = await store.listRuns(name)
lap('store.listRuns', `${headers.length} runs`)
const latest = headers[headers.length - 1]
const run = await store.getRun(latest.id)
lap('store.getRun (latest, with data)', `${Object.values(run?.data ?? {}).reduce((n, c) => n + c.length, 0)} values`)
if (!firstOnly) {
  await store.loadBenchmark(name)
  lap('store.loadBenchmark (all runs)')
}

const app = await createApp({ source: storeSource(store), name, cachedir: null })
lap('createApp')
const url = `http://localhost/b/${encodeURIComponent(name)}`
const first = await app.handle(new Request(url))
const body = await first.text()
lap('first request (render)', `${first.status}, ${body.length} bytes`)
const etag = first.headers.get('etag')
if (!firstOnly) {
  const n = 200
  for (let i = 0; i < n; i++) await (await app.handle(new Request(url))).arrayBuffer()
  lap(`${n} plain repeats`)
  for (let i = 0; i < n; i++) await (await app.handle(new Request(url, { headers: etag ? { 'if-none-match': etag } : {} }))).arrayBuffer()
  lap(`${n} repeats with If-None-Match`)
  for (let i = 0; i < n; i++) await store.listRuns(name)
  lap(`${n} × store.listRuns`)
}
await store.close()

// --- internal ---

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }

function printSelfTime(file: string): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  const byId = new Map(p.nodes.map((node) => [node.id, node]))
  const byFunction = new Map<string, number>()
  const byFile = new Map<string, number>()
  p.samples.forEach((id, i) => {
    const frame = (byId.get(id) as ProfileNode).callFrame
    const where = frame.url.replace(/^.*\/(node_modules\/(@[^/]+\/)?[^/]+|src)\//, '$1/') || '(native)'
    const us = p.timeDeltas[i] ?? 0
    byFunction.set(`${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`, (byFunction.get(`${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`) ?? 0) + us)
    const group = where.startsWith('node_modules/') ? where.split('/').slice(0, where.includes('/@') ? 3 : 2).join('/') : where
    byFile.set(group, (byFile.get(group) ?? 0) + us)
  })
  const top = (m: Map<string, number>, k: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`)
  console.log('\nself time by file or package:')
  for (const line of top(byFile, 15)) console.log(line)
  console.log('\nself time by function:')
  for (const line of top(byFunction, 20)) console.log(line)
}
