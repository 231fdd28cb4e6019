import type { Elysia } from 'elysia'
import { embeddedViewerRange, type RecordingCheck } from '../../model/rerun-recording'
import { resolveInside } from '../safe-path'
import type { RerunOptions } from './options'
import { checkRecordingFile } from './recording-file'

export type { RerunOptions } from './options'

/**
 * `/rerun/*`: the embedded web viewer's files, `/rerun/view?url=` and the viewer's scripts. The
 * handler's module is imported on the first such request, so a start reads none of it.
 */
export function rerunRoutes(opts: RerunOptions) {
  return (app: Elysia) => app.get('/rerun/*', async ({ request }) => (await import('./routes')).handleRerun(request, opts))
}

/**
 * What the server found in each recording a page lists (under `cachedir`), checked against the
 * embedded viewer's version range, or none for a viewer named by URL.
 */
export function recordingChecker(cachedir: string | null, opts: RerunOptions): (relPath: string) => RecordingCheck {
  const range = opts.viewerUrl === null ? embeddedViewerRange : null
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/')
  return (relPath) => {
    // /rrd_static/ serves <cachedir>/rrd only: a recording elsewhere has no URL the viewer could fetch.
    if (!relPath.startsWith('rrd/')) return { status: 'missing', version: null, problem: `${relPath} is not under rrd/, the only folder recordings are served from.`, viewable: false }
    return checkRecordingFile(cachedir === null ? null : (resolveInside(cachedir, encode(relPath))?.path ?? null), relPath, range)
  }
}
