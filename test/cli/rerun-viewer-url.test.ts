import { describe, expect, it } from 'bun:test'
import { runBin, tempDir } from '../helpers/binary'

describe('--rerun-viewer-url', () => {
  it('is described by serve --help', async () => {
    const r = await runBin(['serve', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--rerun-viewer-url URL')
  })

  it.each(['app.rerun.io/version/0.40.0/', 'ftp://mirror/rerun/', '//cdn.example/rerun/'])('refuses "%s" with exit 2 and one line', async (url) => {
    const r = await runBin(['serve', '--rerun-viewer-url', url], { cwd: tempDir() })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`bench-plot: --rerun-viewer-url: expected an http(s) URL of a @rerun-io/web-viewer build (the folder of its index.js), got "${url}"\n`)
  })
})
