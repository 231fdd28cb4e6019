// Loaded on the first request under /rerun/ (see index.ts): a server that never shows a recording
// never evaluates this, and even then only the file a browser asks for is read.
import { BenchPlotError } from '../../errors'
import { embeddedViewerRange } from '../../model/rerun-recording'
import { resolveInside } from '../safe-path'
import { acceptsGzip } from '../accept-gzip'
import { enhanceRerunViewers, startRerunView } from './browser'
import { viewerBase, type RerunOptions } from './options'
import { checkRecordingFile } from './recording-file'
import { rerunViewerVersion } from './viewer-version'
import { viewerFiles } from './viewer-files'
import { RerunViewPage } from '../../view/rerun-view-page'

/** Answer a GET or HEAD under `/rerun/`: the viewer's files, the full-page viewer and its scripts. */
export function handleRerun(request: Request, opts: RerunOptions): Response {
  const url = new URL(request.url)
  const name = url.pathname.slice('/rerun/'.length)
  if (name === 'view') return viewPage(url, opts)
  if (name === 'view.js') return script(`(${startRerunView.toString()})(() => import(${JSON.stringify(viewerIndex(opts))}).then((m) => m.WebViewer));\n`, request)
  if (name === 'embed.js') return script(`(${enhanceRerunViewers.toString()})();\n`, request)
  const file = Object.hasOwn(viewerFiles, name) ? viewerFiles[name] : undefined
  if (!file) throw new BenchPlotError('NOT_FOUND', `No file /rerun/${name}: the viewer has ${Object.keys(viewerFiles).join(', ')}.`)
  const gzip = acceptsGzip(request.headers.get('accept-encoding'))
  // One tag per version and encoding: the bytes of a version never change.
  const etag = `"rerun-${rerunViewerVersion}-${name}${gzip ? '-gz' : ''}"`
  const headers: Record<string, string> = {
    'content-type': file.type,
    etag,
    vary: 'accept-encoding',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Another bench-plot may name this one with --rerun-viewer-url: module scripts and fetch() need CORS.
    'access-control-allow-origin': '*',
  }
  if (request.headers.get('if-none-match')?.split(',').some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers })
  const body = Bun.file(file.gzipPath)
  if (gzip) return new Response(request.method === 'HEAD' ? null : body, { headers: { ...headers, 'content-encoding': 'gzip', 'content-length': String(body.size) } })
  // A client that takes no gzip gets the bytes unpacked as they are sent.
  return new Response(request.method === 'HEAD' ? null : body.stream().pipeThrough(new DecompressionStream('gzip')), { headers })
}

// --- internal ---

function viewerIndex(opts: RerunOptions): string {
  const base = viewerBase(opts)
  return `${base}${base.endsWith('/') ? '' : '/'}index.js`
}

function script(body: string, request: Request): Response {
  const etag = `"${new Bun.CryptoHasher('sha1').update(body).digest('base64url')}"`
  const headers = { 'content-type': 'text/javascript; charset=utf-8', etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
  return new Response(request.method === 'HEAD' ? null : body, { headers })
}

function viewPage(url: URL, opts: RerunOptions): Response {
  // Behind a proxy the page names the recording with the prefix; the files are found without it.
  const given = url.searchParams.get('url') ?? ''
  const base = opts.basePath ?? ''
  const target = base !== '' && given.startsWith(`${base}/rrd_static/`) ? given.slice(base.length) : given
  const embed = url.searchParams.get('embed') === '1'
  const range = opts.viewerUrl === null ? embeddedViewerRange : null
  let recordingOrigin = ''
  let check = null
  if (target.startsWith('/rrd_static/')) {
    const rel = target.slice('/rrd_static/'.length)
    const file = opts.rrdDir === null ? null : resolveInside(opts.rrdDir, rel)
    check = checkRecordingFile(file?.path ?? null, `rrd/${safeDecode(rel)}`, range)
  } else if (/^https?:\/\//i.test(target) && URL.canParse(target)) {
    // A recording on another host (another bench-plot's /rrd_static/): the viewer fetches it with CORS.
    recordingOrigin = new URL(target).origin
  } else {
    throw new BenchPlotError('USAGE', `/rerun/view needs ?url=/rrd_static/<path> (or an http URL of a recording), got "${target}"`)
  }
  const name = safeDecode(target.split('?')[0].split('/').pop() ?? target)
  const html = RerunViewPage({ url: given, name, check, embed, scriptUrl: `${base}/rerun/view.js` })
  return new Response(html, { headers: { ...viewPageHeaders(opts, recordingOrigin), 'cache-control': 'no-cache' } })
}

// The viewer compiles its wasm ('wasm-unsafe-eval'), and may come from the host --rerun-viewer-url names.
function viewPageHeaders(opts: RerunOptions, recordingOrigin: string): Record<string, string> {
  const viewer = opts.viewerUrl && /^https?:\/\//i.test(opts.viewerUrl) ? new URL(opts.viewerUrl).origin : ''
  const hosts = (...h: string[]) => h.filter(Boolean).join(' ')
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': [
      "default-src 'self'",
      `script-src ${hosts("'self'", "'wasm-unsafe-eval'", viewer)}`,
      `connect-src ${hosts("'self'", viewer, recordingOrigin)}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "worker-src 'self' blob:",
      "font-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
