import type { Elysia } from 'elysia'
import { BenchPlotError } from '../../errors'
import type { Run } from '../../model/types'
import type { ServerContext } from '../context'
import { runJson } from '../run-json'
import { samplesCsv, samplesJson, streamChunks } from '../samples'

/**
 * The JSON API: `/api/benchmarks` (as `bench-plot list --json`), `/api/benchmarks/<name>` (the
 * benchmark and its runs, without samples) and `/api/benchmarks/<name>/runs/<id>/samples.csv|json`.
 */
export const apiRoutes = (ctx: ServerContext) => (app: Elysia) =>
  app
    .get('/api/benchmarks', async () => json(await ctx.source.listBenchmarks()))
    .get('/api/benchmarks/:name', async ({ params }) => {
      const runs = await ctx.source.listRuns(params.name)
      return json({
        name: params.name,
        runs: runs.map((r) => runJson(r, { csv: ctx.links.samples(params.name, r.id, 'csv'), json: ctx.links.samples(params.name, r.id, 'json') })),
      })
    })
    .get('/api/benchmarks/:name/runs/:file/:format', async ({ params }) => {
      // `:id/samples.:ext` as two params: /runs/3/samples.csv
      const run = await findRun(ctx, params.name, params.file)
      const base = `${safeFileName(params.name)}-run${run.id}-samples`
      if (params.format === 'samples.csv') {
        return new Response(streamChunks(samplesCsv(run)), {
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `inline; filename="${base}.csv"` },
        })
      }
      if (params.format === 'samples.json') {
        return new Response(streamChunks(samplesJson(run)), { headers: { 'content-type': 'application/json; charset=utf-8' } })
      }
      throw new BenchPlotError('NOT_FOUND', `no such file: ${params.format} (samples.csv or samples.json)`)
    })

// --- internal ---

function json(value: unknown): Response {
  return new Response(JSON.stringify(value, null, 2), { headers: { 'content-type': 'application/json; charset=utf-8' } })
}

async function findRun(ctx: ServerContext, name: string, idText: string): Promise<Run> {
  const id = Number(idText)
  await ctx.source.listRuns(name) // NOT_FOUND for an unknown benchmark, with the store's message
  const run = Number.isInteger(id) ? await ctx.source.getRun(name, id) : null
  if (!run) throw new BenchPlotError('NOT_FOUND', `benchmark "${name}" has no run ${idText}`)
  return run
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'benchmark'
}
