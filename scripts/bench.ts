// `bun run bench`: how fast bench-plot is against references measured in the same run (issue 7).
// Targets are ratios, because the machines this runs on are shared and noisy; tests never assert them.
//
//   bun run bench                              # 1e3, 1e5 and 1e6 samples → bench/results.json
//   bun run bench -- --sizes 1e3 --out /tmp/r.json --reps 2 --duration 1
//
// docs/performance.md explains each measurement and keeps the latest table.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, platform, release, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sizeLabel, sweepRunJson, sweepShape, writeHistory, type SweepShape } from './bench/generate'
import { measureExport, type ExportFigures } from './bench/export'
import { benchmarkPages, browserMeasurements, browserTargets, defaultMinLoads, defaultPace, demoPages, measureBrowserPages, renderBrowserTable, type BrowserPageFigures } from './bench/browser'
import { namedPlots } from '../src/plots/request'
import { compileHelloWorld, elysiaHelloSource, floorProbeSource } from './bench/hello-world'
import { measureColdStarts } from './bench/cold-start'
import { median, quietEnv, residentMemory, startServer, timeCommand, timedGet } from './bench/process'
import { measureSoak, soakTarget } from './bench/memory'
import { measureWide, renderWide, wideMeasurements, wideRuns, wideTargets, type WideResults } from './bench/wide'
import { evaluateTargets, growthRows, renderTable, type BenchResults, type PostgresResults, type SizeResults } from './bench/report'
import { startCluster, type Cluster } from './postgres-cluster'
import { SQL } from 'bun'

const root = resolve(import.meta.dir, '..')
/** Pages above this many bytes are loaded with at most 4 connections. */
const bigPage = 16 * 1024 * 1024

export type BenchOptions = {
  /** Samples per run, one store per size. @default [1e3, 1e5, 1e6] */
  sizes: number[]
  /** Where the results JSON goes. @default 'bench/results.json' */
  out: string
  /** Imports and fresh servers per measurement; each figure is their median. @default 5 */
  reps: number
  /** Repeated requests per fresh server. @default 10 */
  repeatRequests: number
  /** Seconds of load for requests per second. @default 5 */
  duration: number
  /** Connections of the load client. @default 64 */
  connections: number
  /** Load client: wrk when installed, else the Bun client. @default 'auto' */
  load: 'auto' | 'wrk' | 'bun'
  /** An executable to measure instead of building one from the working tree. */
  bin?: string
  /** Keep the stores, JSON files and executables in the work folder. @default false */
  keep: boolean
  /** Measure `bench-plot export` at the largest size (minutes at 10^6). @default true */
  export: boolean
  /** Measure import and first page on PostgreSQL too, on a throwaway cluster (skipped when none can be started). @default true */
  postgres: boolean
  /** Benchmarks of each wide store (issue 20), none to skip them. @default [10, 100, 1000] */
  wide: number[]
  /** Runs per benchmark of the wide stores. @default 50 */
  wideRuns: number
  /** Seconds of load on the largest size's page and API for the memory-after-load figure; 0 skips it. @default 60 */
  soak: number
  /** Time the charts drawn in Chromium against static copies of the pages (scripts/bench/browser.ts). @default true */
  browser: boolean
  /** Include the demo's pages in the browser figures. @default true */
  demo: boolean
  /** Fewest loads of each plain page and of its static reference in Chromium (pages with every kind get `reps`). @default defaultMinLoads */
  browserLoads: number
  /** Alternated cold starts of bench-plot, the Elysia hello world and the floor probe at the smallest size (scripts/bench/cold-start.ts). @default 15 */
  coldStarts: number
}

const usage = `Usage: bun run bench -- [options]
  --sizes 1e3,1e5,1e6   samples per run; one store per size, each with 10 runs of history
  --out FILE            results JSON (default bench/results.json)
  --reps N              imports and fresh servers per figure, reported as the median (default 5)
  --repeat-requests N   repeated requests per fresh server (default 10)
  --duration S          seconds of load for requests per second (default 5)
  --connections N       load client connections (default 64)
  --load auto|wrk|bun   load client (default: wrk when installed, else a Bun client)
  --bin FILE            measure this executable instead of building the working tree
  --keep                keep the work folder (stores, run JSON, executables)
  --no-export           skip the export figures (bench-plot export against a server, at the largest size)
  --no-postgres         skip the PostgreSQL figures (default: measured on a throwaway cluster when PostgreSQL is installed)
  --wide 10,100,1000    benchmarks of each wide store (default 10,100,1000; 0 skips them)
  --wide-runs N         runs per benchmark of the wide stores (default 50)
  --soak S              seconds of load on the largest size's page and API for memory after load (default 60; 0 skips it)
  --no-browser          skip the charts drawn in Chromium (each size's page, every kind, the demo's pages)
  --no-demo             measure the benchmarks' pages in Chromium but not the demo's
  --browser-loads N     fewest loads of each plain page and of its static copy in Chromium (default ${defaultMinLoads})
  --cold-starts N       alternated cold starts of bench-plot, the Elysia hello world and the floor probe at the smallest size (default 15; 0 skips them)`

if (import.meta.main) {
  try {
    const opts = parseOptions(process.argv.slice(2))
    if (opts) {
      const results = await runBench(opts, (line) => console.error(line))
      console.log(renderTable(results))
      console.log(`\n${renderWide(results.wide ?? {})}`)
      if (results.browser?.length) console.log(`\n${renderBrowserTable(results.browser, { pace: defaultPace })}`)
    }
  } catch (err) {
    console.error(`bench: ${(err as Error).message}`)
    process.exit(1)
  }
}

/** Parse the command line; null when it asked for help. */
export function parseOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      out: { type: 'string' },
      reps: { type: 'string' },
      'repeat-requests': { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      load: { type: 'string' },
      bin: { type: 'string' },
      keep: { type: 'boolean' },
      'no-export': { type: 'boolean' },
      'no-postgres': { type: 'boolean' },
      wide: { type: 'string' },
      'wide-runs': { type: 'string' },
      soak: { type: 'string' },
      'no-browser': { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      'browser-loads': { type: 'string' },
      'cold-starts': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(usage)
    return null
  }
  const count = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name}: expected a number of at least ${min}, got "${raw}"`)
    return n
  }
  const load = values.load ?? 'auto'
  if (load !== 'auto' && load !== 'wrk' && load !== 'bun') throw new Error(`--load: expected auto, wrk or bun, got "${load}"`)
  const sizes = (values.sizes ?? '1e3,1e5,1e6').split(',').map((s) => {
    const n = Number(s.trim())
    if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes: expected whole numbers such as 1e3, got "${s}"`)
    sweepShape(n) // throws when the size is not a whole number of sweeps
    return n
  })
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    out: resolve(values.out ?? join(root, 'bench/results.json')),
    reps: Math.round(count('reps', values.reps, 5)),
    repeatRequests: Math.round(count('repeat-requests', values['repeat-requests'], 10)),
    duration: count('duration', values.duration, 5, 0.2),
    connections: Math.round(count('connections', values.connections, 64)),
    load,
    bin: values.bin === undefined ? undefined : resolve(values.bin),
    keep: values.keep ?? false,
    export: !(values['no-export'] ?? false),
    postgres: !values['no-postgres'],
    wide: [...new Set((values.wide ?? '10,100,1000').split(',').map((s) => Math.round(count('wide', s.trim(), 0, 0))))].filter((n) => n > 0).sort((a, b) => a - b),
    wideRuns: Math.round(count('wide-runs', values['wide-runs'], wideRuns)),
    soak: count('soak', values.soak, 60, 0),
    browser: !values['no-browser'],
    demo: !values['no-demo'],
    browserLoads: Math.round(count('browser-loads', values['browser-loads'], defaultMinLoads)),
    coldStarts: Math.round(count('cold-starts', values['cold-starts'], 15, 0)),
  }
}

/** Build, generate, measure, and write the results JSON. Progress goes to `log`. */
export async function runBench(opts: BenchOptions, log: (line: string) => void = () => {}): Promise<BenchResults> {
  const work = mkdtempSync(join(tmpdir(), 'bench-plot-bench-'))
  try {
    const loadClient = chooseLoadClient(opts.load)
    const bin = opts.bin ?? buildExecutable(join(work, 'bench-plot'), log)
    const hello = compileHelloWorld(join(root, 'bench/cache'))
    const elysiaHello = compileHelloWorld(join(root, 'bench/cache'), elysiaHelloSource)
    const floorProbe = compileHelloWorld(join(root, 'bench/cache'), floorProbeSource)
    log(`bench: work folder ${work}; load client ${loadClient}`)

    log('bench: hello-world reference server')
    const helloServers = await measureServers([hello], '/', opts, work)
    const helloLoad = await measureLoad([hello], '/', opts, work, loadClient)
    log('bench: Elysia hello-world server (the floor of the design)')
    const elysiaServers = await measureServers([elysiaHello], '/', opts, work)
    const execTimes: number[] = []
    for (let i = 0; i < opts.reps; i++) execTimes.push((await timeCommand([bin, '--version'], { cwd: work })).seconds)

    const cluster = opts.postgres ? await startCluster().catch((err: Error) => (log(`bench: PostgreSQL figures skipped: ${err.message}`), null)) : null
    const sizes: Record<string, SizeResults> = {}
    try {
      for (const samples of opts.sizes) {
        sizes[sizeLabel(samples)] = await measureSize(sweepShape(samples), bin, opts, work, loadClient, log, cluster, { elysiaHello, floorProbe })
      }
    } finally {
      cluster?.stop()
    }

    let wide: Record<string, WideResults> = {}
    if (opts.wide.length > 0) {
      log(`bench: wide stores of ${opts.wide.join(', ')} benchmarks × ${opts.wideRuns} runs`)
      const dir = join(work, 'wide')
      mkdirSync(dir, { recursive: true })
      wide = await measureWide(bin, opts.wide, opts.wideRuns, opts.reps, dir)
      if (!opts.keep) rmSync(dir, { recursive: true, force: true })
    }

    const results: BenchResults = {
      date: new Date().toISOString(),
      machine: machineInfo(),
      bun: Bun.version,
      commit: gitCommit(),
      options: { sizes: opts.sizes, reps: opts.reps, repeatRequests: opts.repeatRequests, duration: opts.duration, connections: opts.connections, loadClient },
      hello: {
        coldStart: median(helloServers.coldStart),
        rps: helloLoad.rps,
        rssPeak: Math.max(...helloServers.rssPeak),
        rssPeakLoad: helloLoad.rssPeak,
      },
      elysiaHello: { coldStart: median(elysiaServers.coldStart) },
      execVersion: median(execTimes),
      sizes,
      wide,
      measurements: {},
      targets: [],
      growth: [],
    }
    if (opts.browser) results.browser = [...Object.values(sizes).flatMap((s) => s.browser ?? []), ...(opts.demo ? await measureDemo(bin, opts, work, log) : [])]
    results.measurements = { ...flatMeasurements(results), ...wideMeasurements(wide), ...browserMeasurements(results.browser ?? []) }
    const largest = results.sizes[sizeLabel(Math.max(...opts.sizes))]
    results.targets = [
      ...evaluateTargets(results),
      ...wideTargets(wide),
      ...(largest?.soak ? [soakTarget(sizeLabel(largest.samples), largest.soak)] : []),
      ...browserTargets(results.browser ?? []),
    ]
    results.growth = growthRows(results)
    mkdirSync(dirname(opts.out), { recursive: true })
    writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`)
    log(`bench: wrote ${opts.out}`)
    return results
  } finally {
    if (opts.keep) log(`bench: kept ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

// --- internal ---

type LoadClient = 'wrk' | 'bun'

function chooseLoadClient(wanted: BenchOptions['load']): LoadClient {
  const hasWrk = Bun.which('wrk') !== null
  if (wanted === 'wrk' && !hasWrk) throw new Error('--load wrk: wrk is not installed (apt-get install wrk), or use --load bun')
  if (wanted === 'auto') return hasWrk ? 'wrk' : 'bun'
  return wanted
}

function buildExecutable(outfile: string, log: (line: string) => void): string {
  log(`bench: building ${outfile}`)
  const proc = Bun.spawnSync([process.execPath, join(root, 'scripts/build.ts'), outfile], { cwd: root, stdout: 'pipe', stderr: 'pipe' })
  if (proc.exitCode !== 0 || !existsSync(outfile)) {
    throw new Error(`bun run build failed (${proc.exitCode}): ${proc.stdout.toString()}${proc.stderr.toString()}`)
  }
  return outfile
}

async function measureSize(shape: SweepShape, bin: string, opts: BenchOptions, work: string, loadClient: LoadClient, log: (line: string) => void, cluster: Cluster | null, refs: { elysiaHello: string; floorProbe: string }): Promise<SizeResults> {
  const label = sizeLabel(shape.samples)
  const dir = join(work, label)
  mkdirSync(dir, { recursive: true })
  log(`bench: ${label}: generating ${shape.runs - 1} runs of history (${shape.a.length} × ${shape.b.length} × ${shape.cat.length} points × ${shape.repeats} repeats)`)
  const history = join(dir, 'history.sqlite')
  await writeHistory(shape, history)
  const json = join(dir, 'latest.json')
  writeFileSync(json, sweepRunJson(shape, shape.runs - 1))

  log(`bench: ${label}: importing the latest run ${opts.reps} times`)
  const db = join(dir, 'store.sqlite')
  const imports: number[] = []
  for (let rep = 0; rep < opts.reps; rep++) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true })
    copyFileSync(history, db)
    // The copy is flushed now, untimed: else the import's commit would pay for writing it to disk.
    const fd = openSync(db, 'r+')
    fsyncSync(fd)
    closeSync(fd)
    const { seconds, stdout } = await timeCommand([bin, 'import', json, '--db', db], { cwd: dir })
    if (!stdout.includes('recorded run')) throw new Error(`bench-plot import recorded nothing: ${stdout}`)
    imports.push(seconds)
  }

  log(`bench: ${label}: check --json ${opts.reps} times`)
  const checks: number[] = []
  for (let rep = 0; rep < opts.reps; rep++) checks.push(await timeCheck([bin, 'check', shape.name, '--db', db, '--json'], dir))

  log(`bench: ${label}: bun:sqlite references`)
  const reference = await runReference(shape.samples, dir, opts.reps)

  const serve = [bin, shape.name, '--db', db, '--no-open']
  const path = await discoverPagePath(serve, dir)
  log(`bench: ${label}: ${opts.reps} fresh servers of ${path}`)
  const servers = await measureServers(serve, path, opts, dir, shape.name)
  // Cold start is judged at the smallest size (start-up, not data), against its references started in turn with it.
  let coldStarts: SizeResults['coldStarts']
  if (opts.coldStarts > 0 && shape.samples === Math.min(...opts.sizes)) {
    log(`bench: ${label}: ${opts.coldStarts} cold starts each of bench-plot, the Elysia hello world and the floor probe, alternated`)
    const starts = await measureColdStarts(
      [
        { label: 'elysiaHello', cmd: [refs.elysiaHello], path: '/' },
        { label: 'floorProbe', cmd: [refs.floorProbe, shape.name, '--db', db], path: `/b/${encodeURIComponent(shape.name)}` },
        { label: 'benchPlot', cmd: serve, path },
      ],
      opts.coldStarts,
      dir,
    )
    coldStarts = { benchPlot: starts.benchPlot, elysiaHello: starts.elysiaHello, floorProbe: starts.floorProbe }
  }
  // A page of many megabytes times 64 connections can take gigabytes on a shared machine: fewer then.
  const connections = servers.pageBytes > bigPage ? Math.min(opts.connections, 4) : opts.connections
  log(`bench: ${label}: ${opts.duration} s of load with ${connections} connections`)
  const load = await measureLoad(serve, path, { ...opts, connections }, dir, loadClient)
  // Memory after sustained load on the page and the API: at the size its target is judged at.
  let soak: SizeResults['soak']
  if (opts.soak > 0 && shape.samples === Math.max(...opts.sizes)) {
    log(`bench: ${label}: memory after ${opts.soak} s of load on the page and the API`)
    soak = await measureSoak(serve, [path, `/api/benchmarks/${encodeURIComponent(shape.name)}`], opts.soak, opts.connections, dir)
  }
  const postgres = cluster ? await measurePostgres(shape, bin, opts, dir, { history, json }, cluster, log) : undefined

  // Exporting writes every page of the benchmark (minutes at 10^6): only at the size its targets are judged at.
  let exported: ExportFigures | undefined
  if (opts.export && shape.samples === Math.max(...opts.sizes)) {
    log(`bench: ${label}: export of the benchmark, and a fresh server asked for the same files`)
    exported = await measureExport(bin, db, shape.name, dir)
  }

  let browser: BrowserPageFigures[] | undefined
  if (opts.browser) {
    log(`bench: ${label}: charts drawn in Chromium`)
    browser = await measureBrowserPages(serve, benchmarkPages(label, path, namedPlots), { reps: opts.reps, minLoads: opts.browserLoads, cwd: dir }, log)
  }

  const result: SizeResults = {
    samples: shape.samples,
    points: shape.a.length * shape.b.length * shape.cat.length,
    runs: shape.runs,
    jsonBytes: statSync(json).size,
    storeBytes: statSync(db).size,
    pagePath: path,
    import: median(imports),
    check: median(checks),
    insertReference: median(reference.insert),
    selectReference: median(reference.select),
    blobReference: median(reference.blob),
    coldStart: median(servers.coldStart),
    coldStarts,
    startup: median(servers.startup),
    firstPageTtfb: median(servers.firstTtfb),
    firstPage: median(servers.first),
    repeatConditional: median(servers.conditional),
    repeatPlain: median(servers.plain),
    conditionalStatus: servers.conditionalStatus,
    etag: servers.etag,
    rps: load.rps,
    loadConnections: connections,
    rssPeak: Math.max(...servers.rssPeak),
    rssPeakLoad: load.rssPeak,
    pageBytes: servers.pageBytes,
    page: servers.page,
    ...(exported ? { export: exported } : {}),
    ...(soak ? { soak } : {}),
    ...(browser ? { browser } : {}),
    ...(postgres ? { postgres } : {}),
  }
  if (!opts.keep) rmSync(dir, { recursive: true, force: true })
  return result
}

// The same import and first page with the store in PostgreSQL: the history copied in once (migrate,
// untimed) as a template database, each import into a fresh copy of it; the references do the least
// of the same work with Bun's SQL client alone.
async function measurePostgres(shape: SweepShape, bin: string, opts: BenchOptions, dir: string, files: { history: string; json: string }, cluster: Cluster, log: (line: string) => void): Promise<PostgresResults> {
  const label = sizeLabel(shape.samples).replace(/\W/g, '_')
  const urlOf = (db: string) => Object.assign(new URL(cluster.url), { pathname: `/${db}` }).toString()
  const admin = new SQL({ url: cluster.url, max: 1 })
  try {
    const template = `history_${label}`
    await admin.unsafe(`CREATE DATABASE ${template}`)
    log(`bench: ${label}: PostgreSQL: copying the history in`)
    const copied = await timeCommand([bin, 'migrate', '--from', files.history, '--to', urlOf(template)], { cwd: dir })
    if (!copied.stdout.includes('verified')) throw new Error(`bench-plot migrate did not copy the history: ${copied.stdout}`)
    log(`bench: ${label}: PostgreSQL: importing the latest run ${opts.reps} times`)
    const imports: number[] = []
    let db = ''
    for (let rep = 0; rep < opts.reps; rep++) {
      db = `import_${label}_${rep}`
      await admin.unsafe(`CREATE DATABASE ${db} TEMPLATE ${template}`)
      const { seconds, stdout } = await timeCommand([bin, 'import', files.json, '--db', urlOf(db)], { cwd: dir })
      if (!stdout.includes('recorded run')) throw new Error(`bench-plot import into PostgreSQL recorded nothing: ${stdout}`)
      imports.push(seconds)
    }
    const serve = [bin, shape.name, '--db', urlOf(db), '--no-open']
    const path = await discoverPagePath(serve, dir)
    log(`bench: ${label}: PostgreSQL: ${opts.reps} fresh servers of ${path}`)
    const servers = await measureServers(serve, path, opts, dir, shape.name)
    const reference = async (args: string[]): Promise<number[]> => {
      const proc = Bun.spawn([process.execPath, join(import.meta.dir, 'bench/postgres-reference.ts'), ...args], { stdout: 'pipe', stderr: 'pipe' })
      const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
      if (code !== 0) throw new Error(`the Bun SQL reference failed (${code}): ${err}`)
      return JSON.parse(out)
    }
    await admin.unsafe(`CREATE DATABASE reference_${label}`)
    return {
      import: median(imports),
      writeReference: median(await reference(['write', urlOf(`reference_${label}`), String(shape.samples), String(opts.reps)])),
      firstPage: median(servers.first),
      readReference: median(await reference(['read', urlOf(db), String(opts.reps)])),
    }
  } finally {
    await admin.close()
  }
}


// The demo's pages in Chromium: `bench-plot demo` records its store into a cache folder of its own.
async function measureDemo(bin: string, opts: BenchOptions, work: string, log: (line: string) => void): Promise<BrowserPageFigures[]> {
  const dir = join(work, 'demo')
  mkdirSync(dir, { recursive: true })
  const serve = [bin, 'demo', '--no-open', '--cachedir', join(dir, 'cache')]
  const pages = await demoPages(serve, dir, namedPlots)
  log(`bench: demo: ${pages.length} pages in Chromium`)
  return measureBrowserPages(serve, pages, { reps: opts.reps, minLoads: opts.browserLoads, cwd: dir }, log)
}

// `check` exits 1 when it finds a regression: both are answers, only a report of schema 2 counts.
async function timeCheck(cmd: string[], cwd: string): Promise<number> {
  const t0 = performance.now()
  const proc = Bun.spawn(cmd, { cwd, env: quietEnv(cwd), stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' })
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
  const seconds = (performance.now() - t0) / 1000
  if ((code !== 0 && code !== 1) || !stdout.includes('"schema_version": 2')) throw new Error(`${cmd.join(' ')} exited with ${code}: ${stderr}`)
  return seconds
}

async function runReference(rows: number, dir: string, reps: number): Promise<{ insert: number[]; select: number[]; blob: number[] }> {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, 'bench/sqlite-reference.ts'), String(rows), dir, String(reps)], { stdout: 'pipe', stderr: 'pipe' })
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
  if (code !== 0) throw new Error(`the bun:sqlite reference failed (${code}): ${err}`)
  return JSON.parse(out)
}

// The page of a benchmark: whatever the printed URL leads to, redirects followed. Found on a throwaway
// server, so that the measured servers answer their very first request.
async function discoverPagePath(serve: string[], cwd: string): Promise<string> {
  const server = await startServer(serve, { cwd })
  try {
    const res = await timedGet(server.url)
    if (res.status !== 200) throw new Error(`${server.url} answered ${res.status}: ${new TextDecoder().decode(res.body.slice(0, 300))}`)
    const u = new URL(res.url)
    return u.pathname + u.search
  } finally {
    await server.stop()
  }
}

type ServerFigures = {
  coldStart: number[]
  startup: number[]
  firstTtfb: number[]
  first: number[]
  conditional: number[]
  plain: number[]
  rssPeak: number[]
  conditionalStatus: number
  etag: boolean
  pageBytes: number
  page: SizeResults['page']
}

async function measureServers(serve: string[], path: string, opts: BenchOptions, cwd: string, expectText?: string): Promise<ServerFigures> {
  const f: ServerFigures = { coldStart: [], startup: [], firstTtfb: [], first: [], conditional: [], plain: [], rssPeak: [], conditionalStatus: 0, etag: false, pageBytes: 0, page: { svg: 0, img: 0, scripts: 0, lazy: 0, encoding: 'identity' } }
  for (let rep = 0; rep < opts.reps; rep++) {
    const server = await startServer(serve, { cwd })
    try {
      const url = new URL(path, server.url).href
      const first = await timedGet(url)
      if (first.status !== 200) throw new Error(`${url} answered ${first.status} on a fresh server`)
      f.coldStart.push((first.firstByteAt - server.spawnedAt) / 1000)
      f.startup.push((server.readyAt - server.spawnedAt) / 1000)
      f.firstTtfb.push(first.ttfb)
      f.first.push(first.total)
      const html = new TextDecoder().decode(first.body)
      if (expectText !== undefined && !html.includes(expectText)) throw new Error(`${url} answered a page without "${expectText}": ${html.slice(0, 300)}`)
      f.pageBytes = first.body.byteLength
      f.page = { ...describePage(html), encoding: first.headers.get('content-encoding') ?? 'identity' }
      const etag = first.headers.get('etag')
      f.etag = etag !== null
      for (let i = 0; i < opts.repeatRequests; i++) {
        const again = await timedGet(url, etag ? { 'if-none-match': etag } : {})
        f.conditional.push(again.total)
        f.conditionalStatus = again.status
      }
      for (let i = 0; i < opts.repeatRequests; i++) f.plain.push((await timedGet(url)).total)
      const mem = residentMemory(server.proc.pid)
      if (mem) f.rssPeak.push(mem.peak)
    } finally {
      await server.stop()
    }
  }
  return f
}

async function measureLoad(serve: string[], path: string, opts: BenchOptions, cwd: string, client: LoadClient): Promise<{ rps: number; rssPeak: number }> {
  const server = await startServer(serve, { cwd })
  try {
    const url = new URL(path, server.url).href
    for (let i = 0; i < 3; i++) await timedGet(url)
    const rps = client === 'wrk' ? await loadWithWrk(url, opts) : await loadWithBun(url, opts)
    return { rps, rssPeak: residentMemory(server.proc.pid)?.peak ?? Number.NaN }
  } finally {
    await server.stop()
  }
}

async function loadWithWrk(url: string, opts: BenchOptions): Promise<number> {
  const threads = Math.max(1, Math.min(cpus().length, opts.connections))
  const d = Math.max(1, Math.round(opts.duration))
  // Accept-Encoding as a browser sends it (Bun's fetch, in the other client, sends it too).
  const proc = Bun.spawn(['wrk', `-t${threads}`, `-c${opts.connections}`, `-d${d}s`, '--timeout', '10s', '-H', 'Accept-Encoding: gzip, deflate', url], { stdout: 'pipe', stderr: 'pipe' })
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1])
  if (code !== 0 || !Number.isFinite(rps)) throw new Error(`wrk failed (${code}): ${out}${err}`)
  if (/Non-2xx or 3xx responses/.test(out)) throw new Error(`wrk saw error responses from ${url}: ${out}`)
  return rps
}

async function loadWithBun(url: string, opts: BenchOptions): Promise<number> {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, 'bench/load.ts'), url, String(opts.connections), String(opts.duration)], { stdout: 'pipe', stderr: 'pipe' })
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited])
  if (code !== 0) throw new Error(`the Bun load client failed (${code}): ${err}`)
  const r = JSON.parse(out) as { requests: number; errors: number; seconds: number }
  if (r.errors > 0) throw new Error(`the Bun load client saw ${r.errors} failed requests on ${url}`)
  return r.requests / r.seconds
}

// What the page holds: inline charts, images, scripts, and marks of charts loaded later.
function describePage(html: string): { svg: number; img: number; scripts: number; lazy: number } {
  const count = (re: RegExp) => html.match(re)?.length ?? 0
  return {
    svg: count(/<svg[\s>]/g),
    img: count(/<img[\s>]/g),
    scripts: count(/<script[\s>]/g),
    lazy: count(/loading="lazy"|data-lazy|data-src=|hx-trigger="(?:revealed|intersect)/g),
  }
}

function machineInfo(): BenchResults['machine'] {
  const cpu = cpus()
  return { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memory: totalmem(), os: `${platform()} ${release()}` }
}

function gitCommit(): { sha: string; dirty: boolean } {
  const sha = Bun.spawnSync(['git', 'rev-parse', 'HEAD'], { cwd: root }).stdout.toString().trim()
  const status = Bun.spawnSync(['git', 'status', '--porcelain', '--untracked-files=normal'], { cwd: root }).stdout.toString().trim()
  return { sha: sha || 'unknown', dirty: status.length > 0 }
}

// Every number the bench measured, by a dotted name: what the test checks is finite and positive.
function flatMeasurements(r: BenchResults): Record<string, number> {
  const out: Record<string, number> = {
    'hello.coldStart': r.hello.coldStart,
    'hello.rps': r.hello.rps,
    'hello.rssPeak': r.hello.rssPeak,
    'hello.rssPeakLoad': r.hello.rssPeakLoad,
    'elysiaHello.coldStart': r.elysiaHello.coldStart,
    execVersion: r.execVersion,
  }
  const keys = [
    'jsonBytes', 'storeBytes', 'import', 'check', 'insertReference', 'selectReference', 'blobReference', 'coldStart', 'startup',
    'firstPageTtfb', 'firstPage', 'repeatConditional', 'repeatPlain', 'rps', 'rssPeak', 'rssPeakLoad', 'pageBytes',
  ] as const satisfies readonly (keyof SizeResults)[]
  for (const [label, s] of Object.entries(r.sizes)) {
    for (const k of keys) out[`${label}.${k}`] = s[k]
    for (const [k, v] of Object.entries(s.export ?? {})) out[`${label}.export.${k}`] = v
    for (const [k, v] of Object.entries(s.soak ?? {})) out[`${label}.soak.${k}`] = v
    for (const [who, f] of Object.entries(s.coldStarts ?? {})) {
      out[`${label}.coldStarts.${who}.wall`] = f.wall
      out[`${label}.coldStarts.${who}.cpu`] = f.cpu
    }
  }
  return out
}
