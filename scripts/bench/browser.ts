// Charts drawn in the browser (issue 20, point 1): headless Chromium loads a page of a fresh server and
// scrolls through it at a steady pace; the reference is the same final page saved as one static HTML
// file with every chart inline as SVG and no scripts, loaded by the same browser from this machine.
//
// A chart is *drawn* when its figure (`figure` holding a `.bp-svg`) carries `data-drawn`: the server
// puts it on a figure whose SVG it drew, /assets/charts.js on a figure it drew itself once ECharts'
// `finished` event fired. The reference keeps the attribute on every figure, so a figure there counts
// as drawn in the first frame after it is parsed. Times are page times (`performance.now()`, from
// the navigation's start, so they include the request), read in animation frames:
// - first screen: the first frame, after the document is parsed and before any scrolling, at which
//   every chart in the 1280×900 viewport is drawn and no placeholder of a chart is in it, counted
//   when that frame is painted (the start of the next frame);
// - whole page: scrolling starts at that frame at `pace` px/s; each chart counts from the later of
//   the frame it was first drawn in and the frame its top first came into the viewport, painted (the
//   next frame's start); the page counts from its last chart, once the bottom is reached and no
//   chart is left undrawn.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { startServer } from './process'

const staticServer = join(import.meta.dir, 'static-server.ts')

/** Figures of one page (seconds), medians over the reps. */
export type BrowserPageFigures = {
  /** What the page is (`1e3`, `1e6 ?plots=all`, `demo sort`). */
  label: string
  path: string
  /** Charts drawn on the whole page, and in the first screen. */
  charts: number
  firstScreenCharts: number
  /** Measured loads of the page, and as many of its reference. */
  loads: number
  /** Loads from a warm server (it has drawn the page once): what the browser adds. */
  firstScreen: number
  whole: number
  /** The first load, on a server just started: what a new user waits for, the server's first drawing included. */
  coldFirstScreen: number
  coldWhole: number
  /** The same two times on the static reference. */
  referenceFirstScreen: number
  referenceWhole: number
  /** Bytes of the static reference file. */
  referenceBytes: number
  /** Every measured load's first screen, page and reference, in the order they were loaded: the spread behind the medians. */
  firstScreens: number[]
  referenceFirstScreens: number[]
  /** Medians of each phase of the first screen (ms), page and reference. */
  phases: Phases
  referencePhases: Phases
}

export type BrowserOptions = {
  /** Loads of each page and of its reference; a plain page gets at least `minLoads`. */
  reps: number
  /** Fewest loads of each side of a plain page (not `?plots=all`): its first screen is a few frames, so one load says little. @default defaultMinLoads */
  minLoads?: number
  /** Scrolling pace, px per second. @default defaultPace */
  pace?: number
  /** Give up on a page after this many seconds. @default 180 */
  timeout?: number
  /** Trace each measured load (Chrome tracing) for the renderer's main-thread time up to the first screen. @default false */
  trace?: boolean
}

export const viewport = { width: 1280, height: 900 }
/** A page that has run no animation frame for this long has stalled (ms). */
const stallMs = 10_000
/** Scrolling pace of the whole-page measurement: a quick skim, px per second. */
export const defaultPace = 3000
/**
 * Fewest loads of a plain page and of its reference: a small page's first screen is a few frames, which
 * loads spread over 2-4× even on an idle machine. With 15, the demo's `sort` came out at 1.20× and 1.22×
 * in two runs and 1.11× with 31 loads: the median of a few is off by more than the target's margin.
 */
export const defaultMinLoads = 21

/**
 * A first screen shorter than this (s) is a few frames, and one frame (17 ms) is a sixth of it or more:
 * the medians of 21 loads of the demo's small pages moved by a tenth between runs (`arm-reach` 1.23×,
 * then 0.78×). Such a plain page gets twice the loads less one. Decided from the median of the
 * reference's three warm-up loads, before any measured load, so the number of loads never depends on
 * how the page compares.
 */
export const shortFirstScreen = 0.1

/** Debian's Chromium, headless, as the tests launch it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/**
 * Measure pages of `serve` (a command printing `Serving … at URL`), one server per page: its first
 * load (cold), then loads of the page and of its static reference, interleaved (`loadOrder`).
 *
 * Both sides are measured alike: each is served over loopback by a process of its own started for
 * this page (the page by `bench-plot`, the reference by `static-server.ts` from the file saved), each
 * has answered one unmeasured load before the measured ones (the page its cold load, the reference a
 * warm-up), and every load is a fresh browser context (nothing cached) timed by the same script.
 */
export async function measureBrowserPages(
  serve: string[],
  pages: { label: string; path: string }[],
  opts: BrowserOptions & { cwd: string },
  log: (line: string) => void = () => {},
): Promise<BrowserPageFigures[]> {
  const browser = await launchChromium()
  try {
    const out: BrowserPageFigures[] = []
    for (const p of pages) {
      const plain = !p.label.endsWith('?plots=all')
      // The first load is a new user's on a server just started (its first page and charts are
      // drawn then); the static reference is saved from it.
      const server = await startServer(serve, { cwd: opts.cwd })
      let cold: Timing
      let reference: string
      const live: Timing[] = []
      const ref: Timing[] = []
      try {
        const url = new URL(p.path, server.url).href
        const ctx = await browser.newContext({ viewport })
        try {
          const page = await ctx.newPage()
          cold = await loadAndScroll(page, url, opts)
          reference = await page.evaluate(staticCopy)
        } finally {
          await ctx.close()
        }
        const refFile = join(opts.cwd, 'reference.html')
        writeFileSync(refFile, reference)
        const refServer = await startServer([process.execPath, staticServer, refFile], { cwd: opts.cwd })
        try {
          // Its warm-up, as the cold load is the page's: for a plain page three loads, whose median says whether its first screen is short.
          const warmUp: number[] = []
          for (let i = 0; i < (plain ? 3 : 1); i++) warmUp.push((await timePage(browser, refServer.url, opts)).firstScreen)
          const fewest = plain ? Math.max(opts.reps, opts.minLoads ?? defaultMinLoads) : opts.reps
          const loads = plain && median(warmUp) < shortFirstScreen ? 2 * fewest - 1 : fewest
          for (const side of loadOrder(loads)) {
            if (side === 'page') live.push(await timePage(browser, url, opts))
            else ref.push(await timePage(browser, refServer.url, opts))
          }
        } finally {
          await refServer.stop()
        }
      } finally {
        await server.stop()
      }
      const firstScreens = live.map((t) => t.firstScreen)
      const referenceFirstScreens = ref.map((t) => t.firstScreen)
      const figures: BrowserPageFigures = {
        label: p.label,
        path: p.path,
        charts: live[0].charts,
        firstScreenCharts: live[0].firstScreenCharts,
        loads: live.length,
        firstScreen: median(firstScreens),
        whole: median(live.map((t) => t.whole)),
        coldFirstScreen: cold.firstScreen,
        coldWhole: cold.whole,
        referenceFirstScreen: median(referenceFirstScreens),
        referenceWhole: median(ref.map((t) => t.whole)),
        referenceBytes: new TextEncoder().encode(reference).byteLength,
        firstScreens,
        referenceFirstScreens,
        phases: medianPhases(live),
        referencePhases: medianPhases(ref),
      }
      if (ref[0].charts !== figures.charts) throw new Error(`${p.label}: the page drew ${figures.charts} charts, its static copy ${ref[0].charts}`)
      log(
        `bench: browser ${p.label}: first screen ${ms(figures.firstScreen)} (ref ${ms(figures.referenceFirstScreen)}), ` +
          `whole page ${ms(figures.whole)} (ref ${ms(figures.referenceWhole)}), ${figures.charts} charts, ${figures.loads} loads each; ` +
          `cold server: ${ms(figures.coldFirstScreen)}, ${ms(figures.coldWhole)}; first screens ${spread(firstScreens)} (ref ${spread(referenceFirstScreens)}); ` +
          `medians, page / ref: ${phaseLine(figures.phases, figures.referencePhases)}`,
      )
      out.push(figures)
    }
    return out
  } finally {
    await browser.close()
  }
}

/**
 * The order of `n` loads of the page and `n` of its reference: blocks page-ref-ref-page and
 * ref-page-page-ref in turn (an odd `n` ends with one pair, its order alternating too). Each side is
 * first as often as second, follows itself as often as the other, and a drift of the machine's load
 * over the run falls on both alike, which plain pairs (always one side first) do not give.
 */
export function loadOrder(n: number): ('page' | 'ref')[] {
  const out: ('page' | 'ref')[] = []
  for (let block = 0; block < n >> 1; block++) out.push(...(block % 2 === 0 ? (['page', 'ref', 'ref', 'page'] as const) : (['ref', 'page', 'page', 'ref'] as const)))
  if (n % 2) out.push(...((n >> 1) % 2 === 0 ? (['page', 'ref'] as const) : (['ref', 'page'] as const)))
  return out
}

// --- internal ---

export type Timing = { firstScreen: number; whole: number; charts: number; firstScreenCharts: number; phases: Phases }

/**
 * Where a load's first screen went (ms from the navigation's start): the document's first and last
 * byte, the end of parsing, the first contentful paint (the browser's own timing); with `trace`, the
 * renderer's main-thread CPU time and the wall time of its tasks up to the first screen.
 */
export type Phases = { responseStart: number; responseEnd: number; domInteractive: number; firstContentfulPaint: number; mainCpu?: number; mainBusy?: number }

type Page = Awaited<ReturnType<Awaited<ReturnType<Browser['newContext']>>['newPage']>>

/**
 * One load of `url` in a fresh browser context, timed by the recorder (and traced with `opts.trace`): for A/B scripts too.
 * A load whose charts were not all drawn is tried once more in a fresh context: once in a long run, Chromium
 * stopped giving the page animation frames mid-scroll (every chart drawn, no error, the recorder's loop
 * stalled); a chart that never draws fails both loads.
 */
export async function timePage(browser: Browser, url: string, opts: BrowserOptions): Promise<Timing> {
  try {
    return await timePageOnce(browser, url, opts)
  } catch (err) {
    if (!/were not all drawn/.test((err as Error).message)) throw err
    console.error(`bench: ${(err as Error).message}; loading it once more`)
    return await timePageOnce(browser, url, opts)
  }
}

async function timePageOnce(browser: Browser, url: string, opts: BrowserOptions): Promise<Timing> {
  const ctx = await browser.newContext({ viewport })
  try {
    const page = await ctx.newPage()
    if (!opts.trace) return await loadAndScroll(page, url, opts)
    await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', 'loading', 'devtools.timeline'] })
    let t: Timing
    let trace: Buffer
    try {
      t = await loadAndScroll(page, url, opts)
    } finally {
      trace = await browser.stopTracing()
    }
    return { ...t, phases: { ...t.phases, ...mainThreadUntil(JSON.parse(trace.toString()), url, t.firstScreen * 1000) } }
  } finally {
    await ctx.close()
  }
}

type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; cat: string; args?: { data?: { documentLoaderURL?: string; url?: string } } }

// The renderer main thread of the navigation to `url` (the thread of its navigationStart mark): CPU
// time (tdur) and wall time of its top-level tasks from the navigation's start to `untilMs` after it.
function mainThreadUntil(trace: { traceEvents: TraceEvent[] }, url: string, untilMs: number): { mainCpu: number; mainBusy: number } {
  const events = trace.traceEvents
  const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url).at(-1)
  if (!nav) throw new Error(`the trace of ${url} has no navigationStart`)
  const end = nav.ts + untilMs * 1000
  let cpu = 0
  let busy = 0
  for (const e of events) {
    if (e.pid !== nav.pid || e.tid !== nav.tid || e.ph !== 'X' || !e.cat.includes('toplevel') || e.ts + (e.dur ?? 0) < nav.ts || e.ts > end) continue
    // A task that straddles either end counts for its share inside.
    const share = Math.max(0, Math.min(end, e.ts + (e.dur ?? 0)) - Math.max(nav.ts, e.ts)) / Math.max(1, e.dur ?? 1)
    busy += (e.dur ?? 0) * share
    cpu += (e.tdur ?? 0) * share
  }
  return { mainCpu: cpu / 1000, mainBusy: busy / 1000 }
}

async function loadAndScroll(page: Page, url: string, opts: BrowserOptions): Promise<Timing> {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.addInitScript(recorder, opts.pace ?? defaultPace)
  await page.goto(url, { waitUntil: 'commit' })
  const timeout = (opts.timeout ?? 180) * 1000
  const started = performance.now()
  // Waited for in slices, so that a page Chromium stopped giving frames to (it happened mid-scroll,
  // with no error) is given up after `stallMs` instead of the whole timeout, and loaded again.
  for (;;) {
    const done = await page
      .waitForFunction(() => ((window as unknown as { __bpBench?: { whole: number } }).__bpBench?.whole ?? -1) >= 0, null, { timeout: 2000, polling: 100 })
      .then(() => true, () => false)
    if (done) break
    const stalled = await page.evaluate((ms) => {
      const b = (window as unknown as { __bpBench?: { lastFrame: number } }).__bpBench
      return b !== undefined && b.lastFrame >= 0 && performance.now() - b.lastFrame > ms
    }, stallMs)
    const waited = performance.now() - started
    if (stalled || waited > timeout) {
      const state = await page.evaluate(() => JSON.stringify((window as unknown as { __bpBench?: unknown }).__bpBench)).catch(() => 'unknown')
      const why = stalled ? `no frame for ${stallMs / 1000} s` : `not within ${timeout / 1000} s`
      throw new Error(`${url}: the charts were not all drawn (${why}); recorder ${state}; page errors: ${errors.join('; ') || 'none'}`)
    }
  }
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]
    const b = (window as unknown as { __bpBench: { firstScreen: number; whole: number; charts: number; firstScreenCharts: number } }).__bpBench
    return { ...b, phases: { responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, firstContentfulPaint: fcp ? fcp.startTime : Number.NaN } }
  })
  return { firstScreen: t.firstScreen / 1000, whole: t.whole / 1000, charts: t.charts, firstScreenCharts: t.firstScreenCharts, phases: t.phases }
}

// Runs in the page before its own scripts (the source text is sent): see the definitions at the top.
function recorder(pace: number): void {
  const state = { firstScreen: -1, firstScreenCharts: 0, whole: -1, charts: 0, pending: -1, y: 0, bottom: 0, lastFrame: -1 }
  ;(window as unknown as { __bpBench: typeof state }).__bpBench = state
  const reached = new Map<Element, number>()
  const drawn = new Map<Element, number>()
  let scrollFrom = -1
  // Every frame's start: a state seen in frame t is on screen when the next frame starts.
  const frames: number[] = []
  const frame = (t: number) => {
    frames.push(t)
    state.lastFrame = performance.now()
    if (document.readyState !== 'loading' && document.body) {
      const vh = window.innerHeight
      const shown = (r: DOMRect) => r.width > 0 && r.height > 0
      let pendingInView = 0
      let drawnInView = 0
      let pending = 0
      for (const el of Array.from(document.querySelectorAll('div.bp-lazy-chart'))) {
        const r = el.getBoundingClientRect()
        if (!shown(r)) continue
        pending++
        if (r.top < vh && r.bottom > 0) pendingInView++
      }
      const figures = Array.from(document.querySelectorAll('figure')).filter((f) => f.querySelector(':scope > .bp-svg'))
      const visible: Element[] = []
      for (const f of figures) {
        const r = f.getBoundingClientRect()
        if (!shown(r)) continue // in a tab not shown
        visible.push(f)
        const isDrawn = f.hasAttribute('data-drawn')
        if (isDrawn && !drawn.has(f)) drawn.set(f, t)
        if (r.top < vh && !reached.has(f)) reached.set(f, t)
        if (!isDrawn) pending++
        if (scrollFrom < 0 && r.top < vh && r.bottom > 0) {
          if (isDrawn) drawnInView++
          else pendingInView++
        }
      }
      if (scrollFrom < 0 && pendingInView === 0) {
        scrollFrom = t
        state.firstScreenCharts = drawnInView
        // Painted: the frame that holds it is rendered before the next one starts.
        requestAnimationFrame((next) => (state.firstScreen = next))
      }
      if (scrollFrom >= 0) {
        const bottom = document.documentElement.scrollHeight - vh
        const y = Math.min(bottom, ((t - scrollFrom) * pace) / 1000)
        if (window.scrollY < y) window.scrollTo(0, y)
        state.pending = pending
        state.y = y
        state.bottom = bottom
        if (y >= bottom && pending === 0 && state.firstScreen >= 0) {
          let last = 0
          for (const f of visible) last = Math.max(last, drawn.get(f) ?? t, reached.get(f) ?? t)
          state.charts = visible.length
          const painted = frames.find((x) => x > last)
          if (painted === undefined) requestAnimationFrame((next) => (state.whole = Math.max(state.firstScreen, next)))
          else state.whole = Math.max(state.firstScreen, painted)
          return
        }
      }
    }
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
}

// The page as it is now, as one file: stylesheets inline, every figure's server SVG inline and
// marked drawn, no scripts, no live charts. Runs in the page.
export async function staticCopy(): Promise<string> {
  const doc = document.documentElement.cloneNode(true) as HTMLElement
  for (const link of Array.from(doc.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]'))) {
    const style = document.createElement('style')
    style.textContent = await fetch(link.href).then((r) => r.text())
    link.replaceWith(style)
  }
  for (const el of Array.from(doc.querySelectorAll('script, noscript, link[rel=preload], link[rel=modulepreload], .bp-live, .bp-actions'))) el.remove()
  for (const fig of Array.from(doc.querySelectorAll<HTMLElement>('figure'))) {
    const holder = fig.querySelector<HTMLElement>(':scope > .bp-svg')
    if (!holder) continue
    holder.hidden = false
    if (holder.querySelector('svg.bp-placeholder') || !holder.querySelector('svg')) {
      const url = fig.dataset.lazy
      if (!url) throw new Error(`a figure without its SVG and without a URL for it: ${fig.outerHTML.slice(0, 200)}`)
      holder.innerHTML = await fetch(url).then((r) => r.text())
    }
    fig.setAttribute('data-drawn', 'svg')
  }
  return `<!doctype html>\n${doc.outerHTML}`
}

function medianPhases(ts: readonly Timing[]): Phases {
  const keys = ['responseStart', 'responseEnd', 'domInteractive', 'firstContentfulPaint', 'mainCpu', 'mainBusy'] as const
  const out: Phases = { responseStart: 0, responseEnd: 0, domInteractive: 0, firstContentfulPaint: 0 }
  for (const k of keys) {
    const xs = ts.map((t) => t.phases[k]).filter((x): x is number => x !== undefined && Number.isFinite(x))
    if (xs.length > 0) out[k] = median(xs)
  }
  return out
}

function phaseLine(page: Phases, ref: Phases): string {
  const names = { responseStart: 'first byte', responseEnd: 'last byte', domInteractive: 'parsed', firstContentfulPaint: 'first paint', mainCpu: 'main-thread CPU', mainBusy: 'main-thread tasks' } as const
  return (Object.keys(names) as (keyof Phases)[])
    .filter((k) => page[k] !== undefined && ref[k] !== undefined)
    .map((k) => `${names[k]} ${(page[k] as number).toFixed(0)} / ${(ref[k] as number).toFixed(0)} ms`)
    .join(', ')
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`
/** Every load's first screen, in ms, in the order loaded: how far apart the loads the median stands for were. */
const spread = (xs: readonly number[]) => xs.map((x) => (x * 1000).toFixed(0)).join('/')

/** The lower and upper quartiles (linear between ranks). */
export function quartiles(xs: readonly number[]): [number, number] {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number) => {
    const i = (s.length - 1) * q
    const lo = Math.floor(i)
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo)
  }
  return [at(0.25), at(0.75)]
}

const range = (xs: readonly number[]) => quartiles(xs).map((x) => (x * 1000).toFixed(0)).join('-')

/** The pages measured for one benchmark: its page, and the same page asking for every chart kind by name. */
export function benchmarkPages(label: string, pagePath: string, namedKinds: readonly string[]): { label: string; path: string }[] {
  const all = new URL(pagePath, 'http://x')
  all.searchParams.set('plots', namedKinds.join(','))
  return [
    { label, path: pagePath },
    { label: `${label} ?plots=all`, path: all.pathname + all.search.replace(/%2C/gi, ',') },
  ]
}

/** The demo's benchmark pages (the links of its index), and its `sort` page asking for every kind. */
export async function demoPages(serve: string[], cwd: string, namedKinds: readonly string[]): Promise<{ label: string; path: string }[]> {
  const server = await startServer(serve, { cwd, timeoutMs: 120_000 })
  try {
    const html = await (await fetch(server.url)).text()
    const names = [...new Set([...html.matchAll(/href="\/b\/([^"/?#]+)"/g)].map((m) => decodeURIComponent(m[1])))]
    if (names.length === 0) throw new Error(`the demo's index links no benchmark: ${html.slice(0, 300)}`)
    const pages = names.map((n) => ({ label: `demo ${n}`, path: `/b/${encodeURIComponent(n)}` }))
    if (names.includes('sort')) pages.push(...benchmarkPages('demo sort', '/b/sort', namedKinds).slice(1))
    return pages
  } finally {
    await server.stop()
  }
}

/** A target of issue 20 evaluated on the browser figures (same shape as report.ts's). */
export type BrowserTarget = { name: string; size: string; value: number; reference: number; score: number; goal: string; met: boolean }

/**
 * Targets: first screen ≤ 1.2× the static reference and whole page ≤ 2× on the plain pages; every
 * page asking for every kind ≤ 3× (its whole page, the larger of its two ratios).
 */
export function browserTargets(pages: readonly BrowserPageFigures[]): BrowserTarget[] {
  const out: BrowserTarget[] = []
  const ratio = (name: string, size: string, value: number, reference: number, max: number): BrowserTarget => ({
    name, size, value, reference, score: value / reference, goal: `≤ ${max}×`, met: value / reference <= max,
  })
  for (const p of pages) {
    if (p.label.endsWith('?plots=all')) {
      const worst = p.whole / p.referenceWhole >= p.firstScreen / p.referenceFirstScreen ? 'whole' : 'firstScreen'
      const [v, r] = worst === 'whole' ? [p.whole, p.referenceWhole] : [p.firstScreen, p.referenceFirstScreen]
      out.push(ratio(`browser: every kind, ${worst === 'whole' ? 'whole page' : 'first screen'} vs static`, p.label.replace(' ?plots=all', ''), v, r, 3))
    } else {
      out.push(ratio('browser: first screen vs static', p.label, p.firstScreen, p.referenceFirstScreen, 1.2))
      out.push(ratio('browser: whole page vs static', p.label, p.whole, p.referenceWhole, 2))
    }
  }
  return out
}

/** Every browser figure by a dotted name, for the results' measurements (all must be finite and positive). */
export function browserMeasurements(pages: readonly BrowserPageFigures[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const p of pages) {
    for (const k of ['firstScreen', 'whole', 'coldFirstScreen', 'coldWhole', 'referenceFirstScreen', 'referenceWhole', 'referenceBytes', 'charts'] as const) {
      out[`browser.${p.label}.${k}`] = p[k]
    }
  }
  return out
}

/** The browser figures as Markdown: one row per page. */
export function renderBrowserTable(pages: readonly BrowserPageFigures[], opts: { pace: number }): string {
  const lines = [
    `Charts drawn in Chromium (viewport ${viewport.width}×${viewport.height}, scrolled at ${opts.pace} px/s): medians of the loads from a warm server, ` +
      'interleaved with as many of the static reference (served by a static file server of its own); "cold" is the first load on a server just started; ' +
      'the first screens\' spread is their quartiles (ms).',
    '',
    '| page | charts (first screen) | loads | first screen | ref | ratio | spread: page / ref | whole page | ref | ratio | cold: first screen / whole | reference file |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const p of pages) {
    lines.push(
      `| ${p.label} | ${p.charts} (${p.firstScreenCharts}) | ${p.loads} | ${ms(p.firstScreen)} | ${ms(p.referenceFirstScreen)} | ${(p.firstScreen / p.referenceFirstScreen).toFixed(2)}× | ` +
        `${range(p.firstScreens)} / ${range(p.referenceFirstScreens)} | ` +
        `${ms(p.whole)} | ${ms(p.referenceWhole)} | ${(p.whole / p.referenceWhole).toFixed(2)}× | ${ms(p.coldFirstScreen)} / ${ms(p.coldWhole)} | ${(p.referenceBytes / 1024).toFixed(0)} KB |`,
    )
  }
  return lines.join('\n')
}
