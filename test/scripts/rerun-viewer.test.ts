import { describe, expect, it } from 'bun:test'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { prepareRerunViewer, viewerCacheDir, viewerFiles } from '../../scripts/rerun-viewer'
import { rerunViewerVersion } from '../../src/server/rerun/viewer-version'
import { tempDir } from '../helpers/binary'

// A package folder of the pinned version with small stand-ins for its files: the real wasm is 47 MB,
// and what is tested is the cache, not gzip.
function fakeRoot(version = rerunViewerVersion): string {
  const root = tempDir()
  const pkg = join(root, 'node_modules', '@rerun-io', 'web-viewer')
  mkdirSync(pkg, { recursive: true })
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@rerun-io/web-viewer', version }))
  for (const f of viewerFiles) writeFileSync(join(pkg, f), `${f} `.repeat(1000))
  return root
}

describe('prepareRerunViewer (the build step)', () => {
  it('gzips every viewer file once per version into .cache/rerun-web-viewer/<version>/', () => {
    const root = fakeRoot()
    const dir = viewerCacheDir(root)
    expect(dir).toBe(join(root, '.cache', 'rerun-web-viewer', rerunViewerVersion))
    expect(prepareRerunViewer(root)).toBe(true)
    for (const f of viewerFiles) {
      const gz = readFileSync(join(dir, `${f}.gz`))
      expect(new TextDecoder().decode(Bun.gunzipSync(gz))).toBe(`${f} `.repeat(1000))
    }
    const before = statSync(join(dir, 're_viewer_bg.wasm.gz')).mtimeMs
    expect(prepareRerunViewer(root)).toBe(false)
    expect(statSync(join(dir, 're_viewer_bg.wasm.gz')).mtimeMs).toBe(before)
  })

  it('compresses again when a build stopped before the folder was complete', () => {
    const root = fakeRoot()
    prepareRerunViewer(root)
    rmSync(join(viewerCacheDir(root), 'complete'))
    expect(prepareRerunViewer(root)).toBe(true)
    expect(existsSync(join(viewerCacheDir(root), 'complete'))).toBe(true)
  })

  it('fails, naming both versions, when the installed package is not the one the source embeds', () => {
    const root = fakeRoot('0.99.0')
    expect(() => prepareRerunViewer(root)).toThrow(`@rerun-io/web-viewer 0.99.0 is installed, but src/server/rerun/viewer-version.ts embeds ${rerunViewerVersion}`)
    expect(existsSync(viewerCacheDir(root))).toBe(false)
  })
})
