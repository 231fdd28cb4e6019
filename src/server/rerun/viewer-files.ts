// The rerun web viewer's files, gzipped by the build (scripts/rerun-viewer.ts) into a folder named by
// the version. Imported `with { type: 'file' }`: the executable holds them, and each import is only a
// path, so nothing is read until a browser asks.
import indexJs from '../../../.cache/rerun-web-viewer/0.33.0/index.js.gz' with { type: 'file' }
import reViewerJs from '../../../.cache/rerun-web-viewer/0.33.0/re_viewer.js.gz' with { type: 'file' }
import reViewerWasm from '../../../.cache/rerun-web-viewer/0.33.0/re_viewer_bg.wasm.gz' with { type: 'file' }

type ViewerFile = { gzipPath: string; type: string }

const js = 'text/javascript; charset=utf-8'

/**
 * The files served at `/rerun/<name>`. `index.js` imports `./re_viewer` without an extension, and
 * fetches `./re_viewer_bg.wasm` for `WebAssembly.compileStreaming`, which needs `application/wasm`.
 */
export const viewerFiles: Record<string, ViewerFile> = {
  'index.js': { gzipPath: indexJs, type: js },
  re_viewer: { gzipPath: reViewerJs, type: js },
  're_viewer.js': { gzipPath: reViewerJs, type: js },
  're_viewer_bg.wasm': { gzipPath: reViewerWasm, type: 'application/wasm' },
}
