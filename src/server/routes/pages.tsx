import type { Elysia } from 'elysia'
import { BenchPlotError } from '../../errors'
import { parseChartRequest } from '../../plots/request'
import { benchmarkPageHead } from '../../view/benchmark-head'
import { indexPageHead } from '../../view/index-head'
import type { ServerContext } from '../context'
import { comparePage, figureOf, historyPage, indexPage, runPage, runPart } from '../loaders'
import { queryParams, type QueryParam } from '../query-params'
import { respondCached } from '../respond'
import type { RunHeader } from '../../store'
import type { BenchmarkPageProps } from '../../view'
import type { Loaded } from '../loaders'

// The pages' bodies (charts, verdicts, markdown) are evaluated when the first page is drawn, after its
// head has gone out, not before the server answers (a string import: bundled by `bun build --compile`).
const views = () => import('../../view')

/**
 * `/`: the index (`?sort=`, `?q=`), or a redirect to the one benchmark served; `/b/<name>`: a
 * benchmark, `?run=<id>` picking the tab, `?vs=<id>` the run it is compared with, `?view=history`
 * the History tab; `/b/<name>/compare?a=&b=`: two runs side by side; `/b/<name>/chart/<id>` and
 * `/figure/<id>`: one chart or figure of a run page alone. Routes parse; loaders load; pages draw.
 */
export const pageRoutes = (ctx: ServerContext) => (app: Elysia) => {
  // A run page's loader (its cache key, how to draw it) per run list and query string: the source hands
  // out the same list until an import changes it, so a page asked for again costs no parsing and no key.
  const runPages = new WeakMap<readonly RunHeader[], Map<string, Loaded<BenchmarkPageProps>>>()
  return app
    .get(
      '/',
      async ({ query, request }) => {
        if (ctx.name !== null) return new Response(null, { status: 302, headers: { location: ctx.links.benchmark(ctx.name) } })
        const page = await indexPage(ctx, query)
        return respondCached(ctx, request, page.key, async () => (await views()).IndexPage(await page.load()), { head: () => indexPageHead(ctx.links) })
      },
      { query: queryParams({ sort: {}, q: {} }) },
    )
    .get(
      '/b/:name',
      async ({ params, query, request }) => {
        if (query.view === 'history') {
          const page = await historyPage(ctx, params.name, { history: whole(query.history), point: query.point === undefined || query.point === 'all' || query.point === '' ? null : Number(query.point), x: query.x === 'date' ? 'date' : 'order', charts: parseChartRequest(query) })
          return respondCached(ctx, request, page.key, async () => (await views()).HistoryPage(await page.load()))
        }
        const runs = await ctx.source.listRuns(params.name)
        const asked = `${params.name}?${searchOf(request.url)}`
        let byQuery = runPages.get(runs)
        let page = byQuery?.get(asked)
        if (page === undefined) {
          page = await runPage(ctx, params.name, { run: whole(query.run), vs: vsOf(query.vs), charts: parseChartRequest(query), page: whole(query.page), allPoints: query.points === 'all' })
          if (byQuery === undefined) runPages.set(runs, (byQuery = new Map()))
          if (byQuery.size < 256) byQuery.set(asked, page)
        }
        return respondCached(ctx, request, page.key, async () => (await views()).BenchmarkPage(await page.load()), { head: () => benchmarkPageHead(ctx.links, params.name) })
      },
      {
        query: queryParams({
          view: { pattern: /^history$/, error: '?view= is "history" or absent' },
          run: wholeNumber('?run= is a run id (a whole number)'),
          vs: vsParam,
          page: { pattern: /^0*[1-9][0-9]{0,8}$/, error: '?page= is a page number from 1' },
          points: { pattern: /^all$/, error: '?points= is "all" or absent' },
          history: wholeNumber('?history= is a history number (a whole number)'),
          point: { pattern: /^(all|[0-9]{0,9})$/, error: '?point= is a sweep point number or "all"' },
          x: { pattern: /^(order|date)$/, error: '?x= is "order" or "date"' },
          ...chartParams,
        }),
      },
    )
    .get(
      '/b/:name/figure/:id',
      async ({ params, query, request }) => {
        const part = await runPart(ctx, 'figure', params.name, params.id, { run: whole(query.run), vs: vsOf(query.vs), charts: parseChartRequest(query) })
        return respondCached(
          ctx,
          request,
          part.key,
          async () => {
            const svg = await figureOf(ctx, params.name, part, params.id)
            if (svg === null) throw new BenchPlotError('NOT_FOUND', `run ${part.runId} of "${params.name}" has no figure ${params.id}`)
            return svg
          },
          { type: svgHeaders },
        )
      },
      { query: queryParams({ run: wholeNumber('?run= is a run id (a whole number)'), vs: vsParam, ...chartParams }) },
    )
    .get(
      '/b/:name/chart/:id',
      async ({ params, query, request }) => {
        const frame = query.frame === '1'
        const part = await runPart(ctx, 'chart', params.name, params.id, { run: whole(query.run), vs: vsOf(query.vs), charts: parseChartRequest(query), frame })
        return respondCached(ctx, request, part.key, async () => {
          const { chartAlone, ChartFrame } = await views()
          const html = chartAlone({ name: params.name, run: await part.run(), req: part.charts, links: ctx.links, overlay: await part.overlay(), vs: part.vsId, id: params.id })
          if (html === null) throw new BenchPlotError('NOT_FOUND', `run ${part.runId} of "${params.name}" has no chart ${params.id}`)
          // ?frame=1: a page of its own, what the placeholder's frame shows without JavaScript.
          return frame ? ChartFrame({ links: ctx.links, title: `${params.name}: chart ${params.id}`, children: html }) : html
        })
      },
      {
        query: queryParams({
          run: wholeNumber('?run= is a run id (a whole number)'),
          vs: vsParam,
          frame: { pattern: /^[01]?$/, error: '?frame= is 1 or absent' },
          ...chartParams,
        }),
      },
    )
    .get(
      '/b/:name/compare',
      async ({ params, query, request }) => {
        const page = await comparePage(ctx, params.name, { a: whole(query.a), b: whole(query.b) })
        return respondCached(ctx, request, page.key, async () => (await views()).ComparePage(await page.load()))
      },
      { query: queryParams({ a: wholeNumber('?a= is a run id (a whole number)'), b: wholeNumber('?b= is a run id (a whole number)') }) },
    )
}

// --- internal ---

function wholeNumber(error: string): QueryParam {
  return { pattern: /^[0-9]{1,15}$/, error }
}

const vsParam: QueryParam = { pattern: /^(none|[0-9]{0,15})$/, error: '?vs= is a run id (a whole number) or "none"' }

// Chart options: names are checked by the page, which says which it does not know.
const chartParams = { plots: {}, logx: {}, logy: {} } satisfies Record<string, QueryParam>

function searchOf(url: string): string {
  const at = url.indexOf('?')
  return at === -1 ? '' : url.slice(at + 1)
}

function whole(text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : Number(text)
}

function vsOf(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined
  return text === 'none' || text === '' ? null : Number(text)
}

// A figure drawn alone, as an image: nothing in it may run or load, but a heatmap's cells are a PNG inside it (a data: URL).
const svgHeaders = { 'content-type': 'image/svg+xml; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:", 'x-content-type-options': 'nosniff' }
