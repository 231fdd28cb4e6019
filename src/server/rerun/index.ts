import { Elysia } from 'elysia'
import { embeddedViewerRange, type RecordingCheck } from '../../model/rerun-recording'
import { RerunViewer, type RerunRecordingItem } from '../../view/rerun-viewer'
import { resolveInside } from '../safe-path'
import { rerunViewPath, type RerunOptions } from './options'
import { checkRecordingFile } from './recording-file'

export type { RerunOptions } from './options'

/**
 * `/rerun/*`: the embedded web viewer's files, `/rerun/view?url=` and the viewer's scripts. The
 * handler's module is imported on the first such request, so a start reads none of it.
 */
export function rerunRoutes(opts: RerunOptions) {
  return new Elysia().get('/rerun/*', async ({ request }) => (await import('./routes')).handleRerun(request, opts))
}

/** What a page needs to show recordings: each one's problem, if any, and the inline viewer of a result's recordings. */
export type RerunPageLinks = {
  /** What is wrong with the recording at `relPath` (under the cache directory), or null. */
  problem(relPath: string): string | null
  /** The inline viewer (safe HTML) of a result's recordings, one per sweep point and repeat. */
  viewer(result: string, recordings: { label: string; relPath: string }[]): string
}

/**
 * The page side: checks recordings under `cachedir` (with the embedded viewer's version range, or none
 * for a viewer named by URL) and draws `RerunViewer` with `/rrd_static/` and `/rerun/view` URLs.
 */
export function rerunPageLinks(cachedir: string | null, opts: RerunOptions, rrdUrl: (relPath: string) => string): RerunPageLinks {
  const range = opts.viewerUrl === null ? embeddedViewerRange : null
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/')
  const check = (relPath: string): RecordingCheck => {
    // /rrd_static/ serves <cachedir>/rrd only: a recording elsewhere has no URL the viewer could fetch.
    if (!relPath.startsWith('rrd/')) return { status: 'missing', version: null, problem: `${relPath} is not under rrd/, the only folder recordings are served from.`, viewable: false }
    return checkRecordingFile(cachedir === null ? null : (resolveInside(cachedir, encode(relPath))?.path ?? null), relPath, range)
  }
  return {
    problem: (relPath) => check(relPath).problem,
    viewer(result, recordings) {
      const items: RerunRecordingItem[] = recordings.map((r) => {
        const fileUrl = rrdUrl(r.relPath)
        return { label: r.label, name: r.relPath, fileUrl, viewUrl: rerunViewPath(fileUrl), frameUrl: rerunViewPath(fileUrl, true), check: check(r.relPath) }
      })
      const html = RerunViewer({ result, recordings: items, scriptUrl: '/rerun/embed.js' })
      if (typeof html !== 'string') throw new Error('unexpected async component')
      return html
    },
  }
}
