// The charts-drawn-in-Chromium figures alone (issue 20, point 1), without the rest of `bun run bench`:
// the same stores, pages and references as the bench, in minutes rather than a quarter of an hour.
//
//   bun scripts/bench/browser-run.ts                         # 1e3 and 1e5 pages and the demo's, 21 loads each
//   bun scripts/bench/browser-run.ts --sizes 1e3 --no-demo --reps 15 --pages '^1e3$'
//   bun scripts/bench/browser-run.ts --bin ./bench-plot --every-kind
//
// Prints the Markdown table of docs/performance.md and the targets; progress goes to stderr.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { namedPlots } from '../../src/plots/request'
import { benchmarkPages, browserTargets, defaultMinLoads, defaultPace, demoPages, measureBrowserPages, renderBrowserTable, type BrowserPageFigures } from './browser'
import { sizeLabel, sweepRunJson, sweepShape, writeHistory } from './generate'
import { timeCommand } from './process'

const root = resolve(import.meta.dir, '../..')

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    sizes: { type: 'string', default: '1e3,1e5' },
    reps: { type: 'string', default: String(defaultMinLoads) },
    bin: { type: 'string' },
    pages: { type: 'string' },
    'no-demo': { type: 'boolean' },
    'every-kind': { type: 'boolean' },
    trace: { type: 'boolean' },
    help: { type: 'boolean' },
  },
  strict: true,
})

if (values.help) {
  console.log(`bun scripts/bench/browser-run.ts [options]
  --sizes 1e3,1e5   benchmark sizes whose page is measured (each store generated as bun run bench does)
  --reps N          warm loads of each page and of its reference, interleaved (default ${defaultMinLoads})
  --bin FILE        measure this executable instead of building the working tree
  --pages REGEX     only the pages whose label matches (labels: 1e3, demo sort, …)
  --every-kind      also each page with ?plots= naming every kind (the ≤ 3× target)
  --no-demo         leave out the demo's pages
  --trace           trace every measured load: the renderer's main-thread time up to the first screen, in the log`)
  process.exit(0)
}

const log = (line: string) => console.error(line)
const reps = Number(values.reps)
if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps: expected a whole number ≥ 1, got "${values.reps}"`)
const only = values.pages ? new RegExp(values.pages) : null
const wanted = (label: string) => (values['every-kind'] || !label.endsWith('?plots=all')) && (!only || only.test(label))

const work = mkdtempSync(join(tmpdir(), 'bench-plot-browser-'))
try {
  const bin = values.bin ? resolve(values.bin) : build(join(work, 'bench-plot'))
  const figures: BrowserPageFigures[] = []
  for (const s of values.sizes.split(',').filter(Boolean)) {
    const shape = sweepShape(Number(s))
    const label = sizeLabel(shape.samples)
    const pages = benchmarkPages(label, `/b/${shape.name}`, namedPlots).filter((p) => wanted(p.label))
    if (pages.length === 0) continue
    const dir = join(work, label)
    const db = join(dir, 'store.sqlite')
    mkdirSync(dir, { recursive: true })
    log(`bench: ${label}: generating the store`)
    await writeHistory(shape, db)
    const json = join(dir, 'latest.json')
    writeFileSync(json, sweepRunJson(shape, shape.runs - 1))
    const imported = await timeCommand([bin, 'import', json, '--db', db], { cwd: dir })
    if (!imported.stdout.includes('recorded run')) throw new Error(`bench-plot import recorded nothing: ${imported.stdout}`)
    figures.push(...(await measureBrowserPages([bin, shape.name, '--db', db, '--no-open'], pages, { reps, minLoads: 1, trace: values.trace, cwd: dir }, log)))
  }
  if (!values['no-demo']) {
    const dir = join(work, 'demo')
    mkdirSync(dir, { recursive: true })
    const serve = [bin, 'demo', '--no-open', '--cachedir', join(dir, 'cache')]
    const pages = (await demoPages(serve, dir, namedPlots)).filter((p) => wanted(p.label))
    if (pages.length > 0) figures.push(...(await measureBrowserPages(serve, pages, { reps, minLoads: 1, trace: values.trace, cwd: dir }, log)))
  }
  console.log(`Load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')}\n`)
  console.log(renderBrowserTable(figures, { pace: defaultPace }))
  console.log('')
  for (const t of browserTargets(figures)) console.log(`${t.met ? 'met    ' : 'NOT met'} ${t.name}, ${t.size}: ${t.score.toFixed(2)}× (${t.goal})`)
} finally {
  rmSync(work, { recursive: true, force: true })
}

function build(outfile: string): string {
  log(`bench: building ${outfile}`)
  const proc = Bun.spawnSync([process.execPath, join(root, 'scripts/build.ts'), outfile], { cwd: root, stdout: 'pipe', stderr: 'pipe' })
  if (proc.exitCode !== 0) throw new Error(`the build failed (${proc.exitCode}): ${proc.stdout.toString()}${proc.stderr.toString()}`)
  return outfile
}
