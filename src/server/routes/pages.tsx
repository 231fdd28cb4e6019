import { Elysia } from 'elysia'
import { BenchPlotError } from '../../errors'
import type { ServerContext } from '../context'
import { pageHeaders } from '../context'
import { BenchmarkPage } from '../pages/benchmark-page'
import { parseChartRequest, renderRunCharts } from '../pages/charts-region'
import { IndexPage } from '../pages/index-page'
import { benchmarkPath } from '../pages/links'
import { pageOfSamples } from '../samples'

/** Rows of the samples table per page. */
export const samplesPerPage = 100

/** `/`: the index, or a redirect to the one benchmark served; `/b/<name>`: a benchmark, `?run=<id>` picking the tab. */
export const pageRoutes = (ctx: ServerContext) =>
  new Elysia()
    .get('/', ({ request }) => {
      if (ctx.name !== null) return new Response(null, { status: 302, headers: { location: benchmarkPath(ctx.name) } })
      const benchmarks = ctx.source.listBenchmarks()
      const key = `index|${JSON.stringify(benchmarks)}`
      return cachedPage(ctx, key, request, () => IndexPage({ benchmarks, location: ctx.location }))
    })
    .get('/b/:name', ({ params, request }) => {
      const name = params.name
      const query = Object.fromEntries(new URL(request.url).searchParams)
      const runs = ctx.source.listRuns(name)
      const runId = query.run === undefined ? runs[runs.length - 1].id : Number(query.run)
      const header = runs.find((r) => r.id === runId)
      if (!header) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${query.run}`)
      const key = `b|${name}|${runs.map((r) => r.id).join(',')}|${runId}|${canonicalQuery(query)}`
      return cachedPage(ctx, key, request, () => {
        const run = ctx.source.getRun(name, runId)
        if (!run) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${runId}`)
        const page = Number.parseInt(query.page ?? '1', 10)
        const samples = { ...pageOfSamples(run, Number.isFinite(page) ? page : 1, samplesPerPage), perPage: samplesPerPage }
        const charts = renderRunCharts(run, parseChartRequest(query), ctx.media)
        return BenchmarkPage({ name, runs, run, query, charts: charts.html, samples })
      })
    })

// --- internal ---

function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${k}=${query[k]}`)
    .join('&')
}

function cachedPage(ctx: ServerContext, key: string, request: Request, render: () => string): Response {
  const etag = ctx.pages.etag(key)
  const headers = { ...pageHeaders, etag, 'cache-control': 'no-cache' }
  const inm = request.headers.get('if-none-match')
  if (inm && inm.split(',').some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers })
  let html = ctx.pages.get(key)
  if (html === undefined) {
    html = render()
    ctx.pages.set(key, html)
  }
  return new Response(html, { headers })
}
