// `bench-plot export`: the served pages as files, for a CI artifact or a folder to share.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { BenchPlotError } from '../errors'
import { recordingChecker } from '../server/rerun'
import { createHistoryCache } from '../server/history-cache'
import { createPageCache } from '../server/page-cache'
import { resolveInside } from '../server/safe-path'
import type { BenchmarkSource } from '../server/source'
import { renderFile, type ExportContext } from './render'
import { writeViewerFiles } from './rerun'
import { createSiteMap, type SiteFile } from './site'
import { inside, writeDirAtomically } from './write-dir'

export { writeSingleFile } from './single-file'
export { createSiteMap } from './site'
export type { SiteFile, SiteTarget } from './site'

export type ExportOptions = {
  source: BenchmarkSource
  /** Benchmarks to export; empty: every one. */
  names: string[]
  out: string
  /** Replace a folder that is not empty. */
  force: boolean
  /** Copy recordings, media and the rerun viewer. */
  media: boolean
  /** Where media paths resolve; null: none. */
  cachedir: string | null
  /** Shown on an empty index. */
  location: string
}

export type ExportSummary = { files: SiteFile[]; bytes: number }

/** Write the report into `out`: every page and file the pages link, from the index down. */
export async function exportReport(opts: ExportOptions): Promise<ExportSummary> {
  const source = await chosenSource(opts.source, opts.names)
  let bytes = 0
  const site = createSiteMap({ media: opts.media })
  await writeDirAtomically(opts.out, opts.force, async (tmp) => {
    const ctx = exportContext(source, opts)
    site.add({ kind: 'index' })
    for (const b of await source.listBenchmarks()) site.add({ kind: 'benchmark', name: b.name, state: {} })
    let viewer = false
    for (let file = site.next(); file; file = site.next()) {
      const content = await renderFile(ctx, site, file)
      if (content === null) continue
      const path = inside(tmp, file.path)
      mkdirSync(dirname(path), { recursive: true })
      if ('text' in content) {
        writeFileSync(path, content.text)
        bytes += Buffer.byteLength(content.text)
      } else if ('copy' in content) {
        copyFileSync(content.copy, path)
        bytes += Bun.file(path).size
      } else {
        const sink = Bun.file(path).writer()
        for (const chunk of content.chunks) {
          bytes += Buffer.byteLength(chunk)
          await sink.write(chunk)
        }
        await sink.end()
      }
      if (file.what.kind === 'recordingViewer' && !viewer) {
        // The viewer is copied once, beside its page, for every recording of the report.
        viewer = true
        await writeViewerFiles(join(tmp, 'rerun'))
      }
    }
  })
  return { files: [...site.files], bytes }
}

/** What the loaders need, as a server has it, reading the same store; recordings checked against the embedded viewer. */
export function exportContext(source: BenchmarkSource, opts: Pick<ExportOptions, 'cachedir' | 'location' | 'media'>): ExportContext {
  const cachedir = opts.cachedir
  const check = recordingChecker(cachedir, { viewerUrl: null, rrdDir: cachedir === null ? null : join(cachedir, 'rrd') })
  return {
    source,
    name: null,
    cachedir,
    location: opts.location,
    pages: createPageCache({ maxEntries: 1 }),
    histories: createHistoryCache(source),
    exists: (rel) => opts.media && cachedir !== null && resolveInside(cachedir, rel.split('/').map(encodeURIComponent).join('/')) !== null,
    recordings: opts.media ? check : (rel) => ({ status: 'missing', version: null, problem: `${rel} is left out of this report (it was exported with --no-media).`, viewable: false }),
  }
}

/** The source limited to the benchmarks named (each must exist), or the whole source. */
export async function chosenSource(source: BenchmarkSource, names: string[]): Promise<BenchmarkSource> {
  if (names.length === 0) return source
  const all = await source.listBenchmarks()
  for (const n of names) if (!all.some((b) => b.name === n)) throw new BenchPlotError('NOT_FOUND', `no benchmark named "${n}" in the store (bench-plot list shows them)`)
  const wanted = new Set(names)
  return { ...source, listBenchmarks: async () => all.filter((b) => wanted.has(b.name)) }
}
