// Wide stores (issue 20): many benchmarks of many small runs, as a team's index lists them. A store of
// B benchmarks × R runs is generated (seeded) through the store's own write API in one transaction; the
// index page's first request and `list --json` are timed against one raw SELECT of what the index needs.
//
//   bun scripts/bench/wide.ts BIN 10,100,1000 [RUNS] [REPS]   prints the figures as JSON and a table
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InputVar, ResultVar, Run } from '../../src/model/types'
import { gaussian, seededRandom } from '../../src/model/random'
import { openStore } from '../../src/store'
import { median, startServer, timeCommand, timedGet } from './process'
import type { TargetResult } from './report'

/** Runs per benchmark of a wide store. @default 50 */
export const wideRuns = 50

/** Figures of one wide store (seconds, bytes). */
export type WideResults = {
  benchmarks: number
  runs: number
  storeBytes: number
  /** Writing the store through `saveRuns`, one transaction (untimed by any target: how long generation takes). */
  generate: number
  /** The index page's first request on a fresh `bench-plot serve` (no name), to its last byte; start-up excluded. */
  indexFirst: number
  /** `bench-plot list --json --db` from exec to exit. */
  list: number
  /** bun:sqlite: one SELECT of what the index needs, every run header and each benchmark's latest point means, with `.values()`. */
  selectReference: number
}

const inputs: InputVar[] = [
  { name: 'n', kind: 'int', units: '', doc: 'size', values: [10, 100, 1000, 10000] },
  { name: 'variant', kind: 'cat', units: '', doc: 'variant', values: ['a', 'b'] },
]
const results: ResultVar[] = [
  { name: 'time', kind: 'float', units: 's', direction: 'minimize', doc: 'wall time' },
  { name: 'memory', kind: 'float', units: 'B', direction: 'minimize', doc: 'peak allocation' },
]
const repeats = 3

/** Name of benchmark `i` of a wide store: `wide-0000`… so that the index sorts them as generated. */
export function wideName(i: number): string {
  return `wide-${String(i).padStart(4, '0')}`
}

/** Run `k` (0 = oldest) of benchmark `i`: 8 points × 3 repeats of two float results, seeded by (i, k). */
export function wideRun(i: number, k: number): Run {
  const random = seededRandom(7919 * i + k)
  const cells = 8 * repeats
  const time = new Float64Array(cells)
  const memory = new Float64Array(cells)
  const scale = 1 + (i % 17) * 0.1
  for (let c = 0; c < cells; c++) {
    const n = inputs[0].values[Math.floor(c / (2 * repeats))] as number
    time[c] = Number((n * 1e-7 * scale * Math.exp(0.05 * gaussian(random))).toPrecision(6))
    memory[c] = Math.round(1024 + n * 8 * (1 + 0.01 * gaussian(random)))
  }
  const day = new Date(Date.UTC(2026, 0, 1) + k * 86_400_000 + i * 1000)
  return {
    benchmark: wideName(i),
    title: `${wideName(i)}, run ${k + 1}`,
    description: '',
    postDescription: '',
    tag: 'wide',
    time: day.toISOString(),
    timeLabel: `v0.${k + 1}`,
    commit: (0x1000000 + k).toString(16),
    branch: 'main',
    repeats,
    inputs,
    consts: [],
    results,
    data: { time, memory },
    failures: [],
    meta: {},
    fingerprint: `wide-${i}-${k}`,
  }
}

/** Write a store of `benchmarks` × `runs` at `path` with one `saveRuns` (one transaction); returns seconds taken. */
export async function writeWideStore(path: string, benchmarks: number, runs: number = wideRuns): Promise<number> {
  const t0 = performance.now()
  const all: Run[] = []
  for (let i = 0; i < benchmarks; i++) for (let k = 0; k < runs; k++) all.push(wideRun(i, k))
  const store = await openStore(path)
  try {
    await store.saveRuns(all)
  } finally {
    await store.close()
  }
  return (performance.now() - t0) / 1000
}

/**
 * Generate a store of each count of benchmarks × `runs` in `dir`, then time the index, `list --json`
 * and the reference of every store, each the median of `reps`. The stores take turns within each
 * repetition, so that a change in the shared machine's load falls on all of them alike (the growth
 * between them is a target).
 */
export async function measureWide(bin: string, counts: readonly number[], runs: number, reps: number, dir: string): Promise<Record<string, WideResults>> {
  const stores = []
  for (const benchmarks of counts) {
    const db = join(dir, `wide-${benchmarks}.sqlite`)
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true })
    stores.push({ benchmarks, db, generate: await writeWideStore(db, benchmarks, runs), index: [] as number[], list: [] as number[] })
  }
  for (let rep = 0; rep < reps; rep++) {
    for (const s of stores) {
      const server = await startServer([bin, 'serve', '--db', s.db, '--no-open'], { cwd: dir })
      try {
        const res = await timedGet(server.url)
        const html = new TextDecoder().decode(res.body)
        if (res.status !== 200 || !html.includes(wideName(s.benchmarks - 1))) throw new Error(`the index of ${s.db} answered ${res.status} without its last benchmark: ${html.slice(0, 300)}`)
        s.index.push(res.total)
      } finally {
        await server.stop()
      }
      const { seconds, stdout } = await timeCommand([bin, 'list', '--json', '--db', s.db], { cwd: dir })
      if ((JSON.parse(stdout) as unknown[]).length !== s.benchmarks) throw new Error(`list --json of ${s.db} did not list ${s.benchmarks} benchmarks`)
      s.list.push(seconds)
    }
  }
  const out: Record<string, WideResults> = {}
  for (const s of stores) {
    const proc = Bun.spawn([process.execPath, join(import.meta.dir, 'wide-reference.ts'), s.db, String(reps)], { stdout: 'pipe', stderr: 'pipe' })
    const [text, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
    if (code !== 0) throw new Error(`the wide-store SELECT reference failed (${code}): ${err}`)
    const reference = JSON.parse(text) as { select: number[]; rows: number }
    if (reference.rows !== s.benchmarks * runs) throw new Error(`the wide-store SELECT gave ${reference.rows} rows, expected ${s.benchmarks * runs}`)
    out[String(s.benchmarks)] = { benchmarks: s.benchmarks, runs, storeBytes: statSync(s.db).size, generate: s.generate, indexFirst: median(s.index), list: median(s.list), selectReference: median(reference.select) }
  }
  return out
}

/** The wide-store targets of issue 20, at the largest store: index ≤ 1× the SELECT, list ≤ 1.5×, steepest growth k ≤ 1.1. */
export function wideTargets(wide: Record<string, WideResults>): TargetResult[] {
  const sizes = Object.values(wide).sort((a, b) => a.benchmarks - b.benchmarks)
  const large = sizes.at(-1)
  if (!large) return []
  const at = `${large.benchmarks} benchmarks`
  const ratio = (name: string, value: number, reference: number, max: number): TargetResult => ({
    name, size: at, value, reference, score: value / reference, goal: `≤ ${max}×`, met: value / reference <= max,
  })
  const targets = [ratio('wide index (first request) vs SELECT', large.indexFirst, large.selectReference, 1), ratio('wide list --json vs SELECT', large.list, large.selectReference, 1.5)]
  if (sizes.length > 1) {
    const k = steepestExponent(sizes, (s) => s.indexFirst)
    targets.push({ name: 'growth of wide index', size: `${sizes[0].benchmarks}→${large.benchmarks} benchmarks`, value: large.indexFirst / sizes[0].indexFirst, reference: large.benchmarks / sizes[0].benchmarks, score: k, goal: 'steepest k ≤ 1.1', met: k <= 1.1 })
  }
  return targets
}

/** The wide stores' figures as a Markdown table, one column per store. */
export function renderWide(wide: Record<string, WideResults>): string {
  const sizes = Object.values(wide).sort((a, b) => a.benchmarks - b.benchmarks)
  if (sizes.length === 0) return ''
  const ms = (s: number) => (s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toPrecision(3)} ms`)
  const lines = [`| wide store (${sizes[0].runs} runs each) | ${sizes.map((s) => `${s.benchmarks} benchmarks`).join(' | ')} |`, `|---|${sizes.map(() => '---|').join('')}`]
  const row = (name: string, f: (s: WideResults) => string) => lines.push(`| ${name} | ${sizes.map(f).join(' | ')} |`)
  row('store bytes', (s) => `${(s.storeBytes / 2 ** 20).toFixed(1)} MB`)
  row('generated with saveRuns (one transaction)', (s) => ms(s.generate))
  row('index: first request, to last byte', (s) => ms(s.indexFirst))
  row('`list --json` (exec to exit)', (s) => ms(s.list))
  row('ref: SELECT of run headers and latest point means', (s) => ms(s.selectReference))
  row('index / SELECT; list / SELECT', (s) => `${(s.indexFirst / s.selectReference).toPrecision(3)}×; ${(s.list / s.selectReference).toPrecision(3)}×`)
  if (sizes.length > 1) lines.push('', `Index growth: steepest k = ${steepestExponent(sizes, (s) => s.indexFirst).toFixed(2)} between consecutive stores (cost ∝ benchmarks^k).`)
  return lines.join('\n')
}

/** Every wide figure by a dotted name, for the results' flat list. */
export function wideMeasurements(wide: Record<string, WideResults>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [label, s] of Object.entries(wide)) for (const k of ['storeBytes', 'generate', 'indexFirst', 'list', 'selectReference'] as const) out[`wide.${label}.${k}`] = s[k]
  return out
}

if (import.meta.main) {
  const [bin, countsArg, runsArg, repsArg] = process.argv.slice(2)
  if (!bin || !countsArg) {
    console.error('usage: bun scripts/bench/wide.ts BIN BENCHMARKS[,BENCHMARKS…] [RUNS] [REPS]')
    process.exit(2)
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-plot-wide-'))
  try {
    const wide = await measureWide(bin, countsArg.split(',').map(Number), Number(runsArg ?? wideRuns), Number(repsArg ?? 3), dir)
    console.log(JSON.stringify(wide, null, 2))
    console.log(renderWide(wide))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// --- internal ---

function steepestExponent(sizes: WideResults[], cost: (s: WideResults) => number): number {
  let k = Number.NEGATIVE_INFINITY
  for (let i = 1; i < sizes.length; i++) k = Math.max(k, Math.log(cost(sizes[i]) / cost(sizes[i - 1])) / Math.log(sizes[i].benchmarks / sizes[i - 1].benchmarks))
  return k
}
