// Each file of a static report, made by what the server would answer its URL with: the same loaders
// and pages, drawn with the report's links.
import { BenchPlotError } from '../errors'
import { scriptJson } from '../format'
import { clientAssets } from '../plots'
import { pagesJs } from '../server/assets/page-script'
import type { ServerContext } from '../server/context'
import { comparePage, figureOf, historyPage, indexPage, runPage, runPart } from '../server/loaders'
import { enhanceRerunViewers } from '../server/rerun/browser'
import { resolveInside } from '../server/safe-path'
import { samplesCsv, samplesJson } from '../server/samples'
import { runJson } from '../server/run-json'
import { BenchmarkPage, chartAlone, ChartFrame, ComparePage, HistoryPage, IndexPage, type Links } from '../view'
import { staticViewPage } from './rerun'
import { automaticCharts, type SiteFile, type SiteMap, type SiteTarget } from './site'

/** What a file of the report holds: text, text in chunks (samples), or a file copied as it is. */
export type FileContent = { text: string } | { chunks: Iterable<string> } | { copy: string }

/** The server's context without its links: each file is drawn with links relative to itself. */
export type ExportContext = Omit<ServerContext, 'links'>

/** The content of one file of the report, or null when there is nothing to write (a media file that is missing). */
export async function renderFile(ctx: ExportContext, site: SiteMap, file: SiteFile): Promise<FileContent | null> {
  const w = file.what
  const at = (links: Links): ServerContext => ({ ...ctx, links })
  const c = at(site.linksFor(file.path))
  switch (w.kind) {
    case 'index':
      return { text: IndexPage(await (await indexPage(c, {})).load()) }
    case 'benchmark': {
      const s = w.state
      const page = await runPage(c, w.name, { run: s.run, vs: s.vs, charts: s.charts ?? automaticCharts, page: s.page, allPoints: false })
      return { text: BenchmarkPage(await page.load()) }
    }
    case 'history': {
      const s = w.state
      const page = await historyPage(c, w.name, { history: s.history, point: s.point ?? null, x: s.x ?? 'order', charts: s.charts ?? automaticCharts })
      return { text: HistoryPage(await page.load()) }
    }
    case 'compare':
      return { text: ComparePage(await (await comparePage(c, w.name, { a: w.a, b: w.b })).load()) }
    case 'chart': {
      // A chart's script holds HTML that goes into the run page: its links are relative to that page.
      const links = w.frame ? c.links : site.linksForChart(file.path)
      const html = await chartHtml(at(links), w)
      if (w.frame) return { text: ChartFrame({ links, title: `${w.name}: chart ${w.id}`, children: html }) }
      return { text: `document.currentScript.dispatchEvent(new CustomEvent('bp-chart', { detail: ${scriptJson(html)} }));\n` }
    }
    case 'figure': {
      const part = await runPart(c, 'figure', w.name, w.id, { run: w.part.run, vs: w.part.vs, charts: w.part.charts })
      const svg = await figureOf(c, w.name, part, w.id)
      if (svg === null) throw new BenchPlotError('NOT_FOUND', `run ${part.runId} of "${w.name}" has no figure ${w.id}`)
      return { text: svg }
    }
    case 'benchmarkJson':
      return { text: await benchmarkJson(ctx, w.name, c.links) }
    case 'indexJson':
      return { text: JSON.stringify(await ctx.source.listBenchmarks(), null, 2) }
    case 'samples': {
      const run = await ctx.source.getRun(w.name, w.runId)
      if (!run) throw new BenchPlotError('NOT_FOUND', `benchmark "${w.name}" has no run ${w.runId}`)
      return { chunks: w.ext === 'csv' ? samplesCsv(run) : samplesJson(run) }
    }
    case 'media':
    case 'recording': {
      // Only a file inside the cache directory is copied: a path with `..` or a link out of it is not.
      const found = ctx.cachedir === null ? null : resolveInside(ctx.cachedir, w.rel.split('/').map(encodeURIComponent).join('/'))
      return found ? { copy: found.path } : null
    }
    case 'recordingViewer':
      return { text: staticViewPage() }
    case 'rerunScript':
      return { text: `(${enhanceRerunViewers.toString()})();\n` }
    case 'asset':
      return { text: assetText(w.file) }
  }
}

/** One chart of a run page alone, as the server's `/b/<name>/chart/<id>` answers: its figures and notes. */
export async function chartHtml(c: ServerContext, w: Extract<SiteTarget, { kind: 'chart' }>): Promise<string> {
  const part = await runPart(c, 'chart', w.name, w.id, { run: w.part.run, vs: w.part.vs, charts: w.part.charts })
  const html = chartAlone({ name: w.name, run: await part.run(), req: part.charts, links: c.links, overlay: await part.overlay(), vs: part.vsId, id: w.id })
  if (html === null) throw new BenchPlotError('NOT_FOUND', `run ${part.runId} of "${w.name}" has no chart ${w.id}`)
  return html
}

// --- internal ---

function assetText(file: string): string {
  if (file === 'pages.js') return pagesJs
  const asset = Object.hasOwn(clientAssets, file) ? clientAssets[file] : undefined
  if (!asset) throw new BenchPlotError('NOT_FOUND', `no asset ${file}`)
  return asset.body
}

// As /api/benchmarks/<name> answers, with the samples' links of the report.
async function benchmarkJson(ctx: ExportContext, name: string, links: Links): Promise<string> {
  const runs = await ctx.source.listRuns(name)
  const rel = (href: string) => href.slice(href.lastIndexOf('/') + 1)
  return JSON.stringify(
    {
      name,
      // Beside benchmark.json: relative to it. The report holds the CSV only (see the run page).
      runs: runs.map((r) => runJson(r, { csv: rel(links.samples(name, r.id, 'csv')) })),
    },
    null,
    2,
  )
}
