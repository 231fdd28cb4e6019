// The rerun web viewer's files, gzipped once per viewer version into .cache/rerun-web-viewer/<version>/,
// where src/server/rerun/viewer-files.ts embeds them from. gzip -9 of the 47 MB wasm takes about
// 15 s here, so a build reuses the folder of its version and only a new version pays it again.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rerunViewerVersion } from '../src/server/rerun/viewer-version'

/** The files served at `/rerun/`, as the package ships them. */
export const viewerFiles = ['index.js', 're_viewer.js', 're_viewer_bg.wasm'] as const

/** The folder holding the gzipped files of one viewer version. */
export function viewerCacheDir(root: string, version = rerunViewerVersion): string {
  return join(root, '.cache', 'rerun-web-viewer', version)
}

/**
 * Make sure the cache folder of the pinned version holds every file gzipped; returns whether it had
 * to compress. Fails when the installed package is not the version the source embeds.
 */
export function prepareRerunViewer(root: string, log: (line: string) => void = () => {}): boolean {
  const pkgDir = join(root, 'node_modules', '@rerun-io', 'web-viewer')
  const installed = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version
  if (installed !== rerunViewerVersion) {
    throw new Error(`@rerun-io/web-viewer ${installed} is installed, but src/server/rerun/viewer-version.ts embeds ${rerunViewerVersion}: run bun install --frozen-lockfile, or change both`)
  }
  const dir = viewerCacheDir(root)
  // The marker is written last: a build stopped half-way compresses again.
  const done = join(dir, 'complete')
  if (existsSync(done)) return false
  log(`build: gzipping @rerun-io/web-viewer ${installed} into ${dir} (once per version)`)
  const temp = `${dir}.tmp-${process.pid}`
  rmSync(temp, { recursive: true, force: true })
  mkdirSync(temp, { recursive: true })
  for (const file of viewerFiles) {
    const raw = readFileSync(join(pkgDir, file))
    writeFileSync(join(temp, `${file}.gz`), Bun.gzipSync(raw, { level: 9 }))
  }
  writeFileSync(join(temp, 'complete'), `${installed}\n`)
  rmSync(dir, { recursive: true, force: true })
  renameSync(temp, dir)
  return true
}
