// The rerun viewer of a static report: one page for every recording (`rerun/view.html#url=…`, a
// static host takes no query), its script, and the viewer's files, written once.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startRerunView } from '../server/rerun/browser'
import { viewerFiles } from '../server/rerun/viewer-files'
import { RerunViewPage } from '../view/rerun-view-page'

/** `rerun/view.html`: the viewer page; its script reads which recording from the fragment. */
export function staticViewPage(): string {
  return RerunViewPage({ url: '', name: 'recording', check: null, embed: false, scriptUrl: 'view.js' })
}

/** `rerun/view.js`: the fragment's recording into the page, then the server's view script on the viewer beside it. */
export function staticViewScript(): string {
  return `(${fromFragment.toString()})();\n(${startRerunView.toString()})(() => import('./index.js').then((m) => m.WebViewer));\n`
}

/**
 * Write the viewer's files into `dir` (the report's `rerun/`), unpacked. Its `index.js` imports
 * `./re_viewer` without an extension, which a static host serves with no JavaScript type: the
 * copy names `./re_viewer.js`.
 */
export async function writeViewerFiles(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true })
  for (const name of ['index.js', 're_viewer.js', 're_viewer_bg.wasm']) {
    let bytes: Uint8Array = Bun.gunzipSync(await Bun.file(viewerFiles[name].gzipPath).bytes())
    if (name === 'index.js') bytes = new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/(["'])\.\/re_viewer\1/g, '$1./re_viewer.js$1'))
    writeFileSync(join(dir, name), bytes)
  }
  writeFileSync(join(dir, 'view.js'), staticViewScript())
}

// --- internal ---

// Runs in the browser: `#url=<recording>&embed=1` as the server's page has them from its query.
function fromFragment(): void {
  const params = new URLSearchParams(location.hash.slice(1))
  const url = params.get('url') ?? ''
  const root = document.getElementById('bp-rerun-view')
  if (root) root.dataset.url = url
  const link = document.querySelector<HTMLAnchorElement>('header a')
  if (link) link.href = url
  const title = document.querySelector('header strong')
  if (title) title.textContent = decodeURIComponent(url.split('/').pop() ?? url)
  if (params.get('embed') === '1') {
    document.body.classList.add('embed')
    document.querySelector('header')?.remove()
  }
}
