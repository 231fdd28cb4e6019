// The results of a bench run, the targets of issue 7 evaluated on them, and the printed table.
import type { ExportFigures } from './export'
import type { SoakResults } from './memory'
import type { WideResults } from './wide'
import type { BrowserPageFigures } from './browser'
import type { ColdStartFigures } from './cold-start'

/** Import and first page with the store in PostgreSQL, and their references with Bun's SQL client alone (seconds). */
export type PostgresResults = {
  /** `bench-plot import latest.json --db postgres://…` from exec to exit, onto the 9 runs of history. */
  import: number
  /** Bun SQL: connect and write the newest run's two columns as bytea in one transaction. */
  writeReference: number
  /** First request on a fresh `bench-plot <name> --db postgres://…`: to its last byte. */
  firstPage: number
  /** Bun SQL: connect and read the newest run's columns and every run's point means. */
  readReference: number
}

/** Figures of one store size. Times in seconds, sizes and memory in bytes. */
export type SizeResults = {
  samples: number
  points: number
  runs: number
  jsonBytes: number
  storeBytes: number
  /** Path of the benchmark's page, redirects followed. */
  pagePath: string
  /** `bench-plot import latest.json --db` from exec to exit, appending the 10th run to 9 of history. */
  import: number
  /** `bench-plot check <name> --json --db` from exec to exit: verdicts, points and change points over the 10 runs. */
  check: number
  /** bun:sqlite: the same number of five-column rows inserted in one transaction. */
  insertReference: number
  /** bun:sqlite: one SELECT of those rows with `.values()`. */
  selectReference: number
  /** bun:sqlite: the two result columns read as Float64Array BLOBs (the layout's lower bound). */
  blobReference: number
  /** Exec of `bench-plot <name>` to the first byte of its page. */
  coldStart: number
  /** At the smallest size: cold starts alternated with the Elysia hello world and the floor probe (scripts/bench/cold-start.ts), medians. */
  coldStarts?: { benchPlot: ColdStartFigures; elysiaHello: ColdStartFigures; floorProbe: ColdStartFigures }
  /** Exec to the `Serving … at` line. */
  startup: number
  /** First request on a fresh server: to its first byte, and to its last. */
  firstPageTtfb: number
  firstPage: number
  /** The same request again with `If-None-Match` of the first ETag, and without. */
  repeatConditional: number
  repeatPlain: number
  /** Status of the conditional repeat: 304 when the ETag is honoured. */
  conditionalStatus: number
  etag: boolean
  /** Requests per second on the page under load. */
  rps: number
  /** Connections of that load: the option's, or at most 4 for a page above 16 MB. */
  loadConnections: number
  /** The same store in PostgreSQL (a throwaway cluster), when one could be started. */
  postgres?: PostgresResults
  /** Peak RSS (VmHWM) of the fresh servers after their requests, and of the loaded server. */
  rssPeak: number
  rssPeakLoad: number
  /** Bytes of the page's HTML as received, after any content encoding was undone. */
  pageBytes: number
  /** Inline `<svg>`, `<img>` and `<script>` elements, marks of charts loaded later, and the content encoding. */
  page: { svg: number; img: number; scripts: number; lazy: number; encoding: string }
  /** `bench-plot export` of the benchmark against a fresh server answering the same files (scripts/bench/export.ts); the largest size only. */
  export?: ExportFigures
  /** Resident memory before and after sustained load on the page and the API (scripts/bench/memory.ts); the largest size only. */
  soak?: SoakResults
  /** Charts drawn in Chromium: the page and the page asking for every kind (scripts/bench/browser.ts). */
  browser?: BrowserPageFigures[]
}

export type TargetResult = {
  name: string
  /** The size label the target was evaluated at (`1e6`). */
  size: string
  value: number
  reference: number
  /** value / reference, or value − reference for memory, or value for the page size. */
  score: number
  goal: string
  met: boolean
}

/**
 * `ratios`: cost at each larger size over the smallest size's. `exponent`: the largest k of cost ∝ size^k
 * between two consecutive sizes, so that a fixed cost at small sizes cannot hide a superlinear step.
 */
export type GrowthRow = { measurement: string; ratios: Record<string, number>; exponent: number }

export type BenchResults = {
  date: string
  machine: { cpu: string; cores: number; memory: number; os: string }
  bun: string
  commit: { sha: string; dirty: boolean }
  options: { sizes: number[]; reps: number; repeatRequests: number; duration: number; connections: number; loadClient: string }
  hello: { coldStart: number; rps: number; rssPeak: number; rssPeakLoad: number }
  /** A compiled hello world on Elysia and its html plugin: the cold start the design cannot go below. */
  elysiaHello: { coldStart: number }
  /** `bench-plot --version`, exec to exit: what any command pays to start. */
  execVersion: number
  sizes: Record<string, SizeResults>
  /** Stores of many benchmarks by their count (scripts/bench/wide.ts). */
  wide?: Record<string, WideResults>
  /** Charts drawn in Chromium, every page (the sizes' and the demo's), with the static references. */
  browser?: BrowserPageFigures[]
  /** Every measured number by a dotted name (`1e6.firstPage`). */
  measurements: Record<string, number>
  targets: TargetResult[]
  growth: GrowthRow[]
}

/** The targets of issue 7, each at the size it is about (the largest size, or the smallest for start-up and load). */
export function evaluateTargets(r: BenchResults): TargetResult[] {
  const labels = Object.keys(r.sizes)
  if (labels.length === 0) return []
  const small = labels[0]
  const large = labels[labels.length - 1]
  const s = r.sizes[small]
  const l = r.sizes[large]
  const ratio = (name: string, size: string, value: number, reference: number, max: number): TargetResult => ({
    name, size, value, reference, score: value / reference, goal: `≤ ${max}×`, met: value / reference <= max,
  })
  const mb = 1024 * 1024
  const targets: TargetResult[] = [
    ratio('import vs bun:sqlite insert', large, l.import, l.insertReference, 2),
    ratio('cold start vs hello world', small, s.coldStart, r.hello.coldStart, 1.3),
    // Judged on the alternated starts when measured: a median of a few starts in a row swings by more than the target's margin.
    s.coldStarts
      ? ratio('cold start vs Elysia hello world', small, s.coldStarts.benchPlot.wall, s.coldStarts.elysiaHello.wall, 1.2)
      : ratio('cold start vs Elysia hello world', small, s.coldStart, r.elysiaHello.coldStart, 1.2),
    ratio('first page vs SELECT', large, l.firstPage, l.selectReference, 1),
    ratio('repeat (If-None-Match) vs SELECT', large, l.repeatConditional, l.selectReference, 0.05),
    ratio('repeat (plain) vs SELECT', large, l.repeatPlain, l.selectReference, 0.05),
    {
      name: 'requests/s vs hello world', size: small, value: s.rps, reference: r.hello.rps, score: s.rps / r.hello.rps, goal: '≥ 0.3×', met: s.rps / r.hello.rps >= 0.3,
    },
    {
      name: 'peak RSS above hello world', size: large, value: l.rssPeak, reference: r.hello.rssPeak, score: l.rssPeak - r.hello.rssPeak, goal: '≤ 100 MB', met: l.rssPeak - r.hello.rssPeak <= 100 * mb,
    },
    { name: 'page size', size: large, value: l.pageBytes, reference: Number.NaN, score: l.pageBytes, goal: '≤ 2 MB', met: l.pageBytes <= 2 * mb },
  ]
  if (l.export) {
    targets.push(ratio('export vs server, same files', large, l.export.seconds, l.export.serverSeconds, 2), ratio('export bytes vs served bytes', large, l.export.bytes, l.export.serverBytes, 1.5))
  }
  if (labels.length > 1) {
    for (const g of growthRows(r).filter((g) => growthChecked.includes(g.measurement))) {
      targets.push({
        name: `growth of ${g.measurement}`, size: `${small}→${large}`, value: g.ratios[large], reference: l.samples / s.samples,
        score: g.exponent, goal: 'steepest k ≤ 1.1', met: g.exponent <= 1.1,
      })
    }
  }
  return targets
}

/** How each cost grows with the size: its ratio to the smallest size, and the steepest exponent k of cost ∝ size^k. */
export function growthRows(r: BenchResults): GrowthRow[] {
  const labels = Object.keys(r.sizes)
  if (labels.length < 2) return []
  const base = r.sizes[labels[0]]
  return growthMeasured.map((m) => {
    const ratios = Object.fromEntries(labels.slice(1).map((label) => [label, r.sizes[label][m] / base[m]]))
    let exponent = Number.NEGATIVE_INFINITY
    for (let i = 1; i < labels.length; i++) {
      const lo = r.sizes[labels[i - 1]]
      const hi = r.sizes[labels[i]]
      exponent = Math.max(exponent, Math.log(hi[m] / lo[m]) / Math.log(hi.samples / lo.samples))
    }
    return { measurement: m, ratios, exponent }
  })
}

/** The results as Markdown: the machine, the targets, every figure by size, and the growth. */
export function renderTable(r: BenchResults): string {
  const labels = Object.keys(r.sizes)
  const lines: string[] = []
  lines.push(`Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${fmtBytes(r.machine.memory)}, ${r.machine.os}`)
  lines.push(`Bun ${r.bun}; commit ${r.commit.sha.slice(0, 7)}${r.commit.dirty ? ' + uncommitted changes' : ''}; ${r.date}`)
  lines.push(`Medians of ${r.options.reps} imports / fresh servers, ${r.options.repeatRequests} repeated requests each; load: ${r.options.loadClient}, ${r.options.connections} connections, ${r.options.duration} s`)
  lines.push('')
  lines.push('| target | at | bench-plot | reference | score | goal | met |')
  lines.push('|---|---|---|---|---|---|---|')
  for (const t of r.targets) {
    const isBytes = t.name.startsWith('peak RSS') || t.name === 'page size' || t.name.startsWith('export bytes') || t.name.startsWith('RSS after')
    const isRps = t.name.startsWith('requests/s')
    const isGrowth = t.name.startsWith('growth')
    const fmt = (x: number) => (Number.isNaN(x) ? '' : isGrowth ? `${fmtNum(x)}×` : isBytes ? fmtBytes(x) : isRps ? fmtNum(x) : fmtSeconds(x))
    // A ratio of bytes (the report's against the server's) is a ratio; the others of bytes are differences or sizes.
    const score = isGrowth ? `k = ${t.score.toFixed(2)}` : isBytes && !t.name.startsWith('export bytes') && !t.name.startsWith('RSS after') ? fmtBytes(t.score) : `${fmtNum(t.score)}×`
    lines.push(`| ${t.name} | ${t.size} | ${fmt(t.value)} | ${fmt(t.reference)} | ${score} | ${t.goal} | ${t.met ? 'yes' : '**no**'} |`)
  }
  lines.push('')
  lines.push(`| measurement | ${labels.join(' | ')} |`)
  lines.push(`|---|${labels.map(() => '---|').join('')}`)
  const row = (name: string, f: (s: SizeResults) => string) => lines.push(`| ${name} | ${labels.map((l) => f(r.sizes[l])).join(' | ')} |`)
  row('samples (points × repeats) per run', (s) => `${s.samples} (${s.points} × 5)`)
  row('run JSON / store with 10 runs', (s) => `${fmtBytes(s.jsonBytes)} / ${fmtBytes(s.storeBytes)}`)
  row('import (exec to exit)', (s) => fmtSeconds(s.import))
  row('check --json (exec to exit)', (s) => fmtSeconds(s.check))
  row('ref: bun:sqlite insert of the rows', (s) => fmtSeconds(s.insertReference))
  row('exec to "Serving" line', (s) => fmtSeconds(s.startup))
  row('cold start (exec to first byte of page)', (s) => fmtSeconds(s.coldStart))
  row('first page: first byte / last byte', (s) => `${fmtSeconds(s.firstPageTtfb)} / ${fmtSeconds(s.firstPage)}`)
  row('ref: SELECT of the rows', (s) => fmtSeconds(s.selectReference))
  row('ref: the columns as Float64Array BLOBs', (s) => fmtSeconds(s.blobReference))
  row('repeat with If-None-Match (status)', (s) => `${fmtSeconds(s.repeatConditional)} (${s.conditionalStatus})`)
  row('repeat, plain', (s) => fmtSeconds(s.repeatPlain))
  row('requests/s under load (connections)', (s) => `${fmtNum(s.rps)} (${s.loadConnections})`)
  row('peak RSS: fresh server / under load', (s) => `${fmtBytes(s.rssPeak)} / ${fmtBytes(s.rssPeakLoad)}`)
  row('PostgreSQL: import / ref: Bun SQL write (ratio)', (s) => (s.postgres ? `${fmtSeconds(s.postgres.import)} / ${fmtSeconds(s.postgres.writeReference)} (${fmtNum(s.postgres.import / s.postgres.writeReference)}×)` : 'not measured'))
  row('PostgreSQL: first page / ref: Bun SQL read (ratio)', (s) => (s.postgres ? `${fmtSeconds(s.postgres.firstPage)} / ${fmtSeconds(s.postgres.readReference)} (${fmtNum(s.postgres.firstPage / s.postgres.readReference)}×)` : 'not measured'))
  row('page: HTML bytes (encoding); inline svg, img, script; lazy marks', (s) => `${fmtBytes(s.pageBytes)} (${s.page.encoding}); ${s.page.svg}, ${s.page.img}, ${s.page.scripts}; ${s.page.lazy}`)
  lines.push('')
  lines.push(
    `Hello world (compiled Bun.serve): cold start ${fmtSeconds(r.hello.coldStart)}, ${fmtNum(r.hello.rps)} requests/s, peak RSS ${fmtBytes(r.hello.rssPeak)} (${fmtBytes(r.hello.rssPeakLoad)} under load). ` +
      `\`bench-plot --version\`: ${fmtSeconds(r.execVersion)}.`,
  )
  const small = r.sizes[labels[0]]
  const cs = small.coldStarts
  // bench-plot against the Elysia hello world is judged on the alternated starts below, when there are
  // any: these separate starts are of the cached executables, not of fresh copies, and flatter bench-plot.
  const separate = cs ? '' : `; bench-plot at ${labels[0]} takes ${fmtNum(small.coldStart / r.elysiaHello.coldStart)}× the Elysia one`
  lines.push('')
  lines.push(
    `Elysia hello world (compiled; Elysia and its html plugin are fixed by design): cold start ${fmtSeconds(r.elysiaHello.coldStart)}, ` +
      `${fmtNum(r.elysiaHello.coldStart / r.hello.coldStart)}× the Bun hello world (separate starts, as the Bun hello world's)${separate}.`,
  )
  if (cs) {
    const both = (f: ColdStartFigures) => `${fmtSeconds(f.wall)} (CPU ${fmtSeconds(f.cpu)})`
    lines.push('')
    lines.push(
      `Cold starts alternated (${cs.benchPlot.starts} each, medians, exec of a copy written just before to the page's first byte; CPU: the server's main thread by then): ` +
        `bench-plot ${both(cs.benchPlot)}, Elysia hello world ${both(cs.elysiaHello)}, floor probe ${both(cs.floorProbe)} ` +
        `(the Elysia hello world opening the store and reading the benchmark's runs with one SELECT). ` +
        `bench-plot ÷ Elysia hello world: ${fmtNum(cs.benchPlot.wall / cs.elysiaHello.wall)}× wall, ${fmtNum(cs.benchPlot.cpu / cs.elysiaHello.cpu)}× CPU; ` +
        `floor probe ÷ Elysia hello world: ${fmtNum(cs.floorProbe.wall / cs.elysiaHello.wall)}× wall, ${fmtNum(cs.floorProbe.cpu / cs.elysiaHello.cpu)}× CPU.`,
    )
  }
  if (r.growth.length > 0) {
    const later = labels.slice(1)
    lines.push('')
    lines.push(`| growth from ${labels[0]} | ${later.map((l) => `${l} (size ×${fmtNum(r.sizes[l].samples / r.sizes[labels[0]].samples)})`).join(' | ')} | steepest k between sizes |`)
    lines.push(`|---|${later.map(() => '---|').join('')}---|`)
    for (const g of r.growth) lines.push(`| ${g.measurement} | ${later.map((l) => `${fmtNum(g.ratios[l])}×`).join(' | ')} | ${g.exponent.toFixed(2)} |`)
  }
  return lines.join('\n')
}

// --- internal ---

const growthMeasured = ['import', 'insertReference', 'coldStart', 'firstPage', 'selectReference', 'repeatConditional', 'repeatPlain', 'rssPeak', 'pageBytes'] as const satisfies readonly (keyof SizeResults)[]
const growthChecked: readonly string[] = ['import', 'firstPage', 'rssPeak', 'pageBytes']

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return String(s)
  if (s >= 1) return `${s.toFixed(2)} s`
  if (s >= 0.001) return `${(s * 1000).toPrecision(3)} ms`
  return `${(s * 1e6).toPrecision(3)} µs`
}

function fmtBytes(b: number): string {
  if (!Number.isFinite(b)) return String(b)
  if (b >= 1024 ** 3) return `${(b / 1024 ** 3).toFixed(1)} GiB`
  if (b >= 1024 ** 2) return `${(b / 1024 ** 2).toFixed(1)} MB`
  if (b >= 1024) return `${(b / 1024).toFixed(1)} KB`
  return `${b} B`
}

function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US')
  return x.toPrecision(3)
}
