import { beforeAll, describe, expect, it } from 'bun:test'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { writeDirAtomically } from '../../src/export/write-dir'
import { openStore } from '../../src/store'
import { mediaRun, sortRun } from '../fixtures/sort-run'
import { runBin, tempDir } from '../helpers/binary'

// `bench-plot export` as a CI job runs it: what it writes, what it refuses, and that the store is only read.

const fixtures = resolve(import.meta.dir, '../fixtures/rerun')
let dir: string
let db: string

beforeAll(async () => {
  dir = tempDir()
  mkdirSync(join(dir, 'cachedir', 'rrd'), { recursive: true })
  copyFileSync(join(fixtures, 'oracle_text_log.rrd'), join(dir, 'cachedir', 'rrd', 'text.rrd'))
  writeFileSync(join(dir, 'cachedir', 'plot.png'), Buffer.from('89504e470d0a1a0a', 'hex'))
  db = join(dir, 'cachedir', 'bench-plot.sqlite')
  const store = await openStore(db)
  for (let i = 0; i < 3; i++) await store.record(sortRun({ time: `2026-11-2${i}T10:00:00Z`, time_label: `v${i + 1}` }))
  await store.record(mediaRun())
  await store.close()
})

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(root, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort()
}

// Every href and src of every page, resolved against its file: each must be a file of the report.
function danglingLinks(root: string): string[] {
  const bad: string[] = []
  // Pages, and the charts' scripts, whose HTML goes into the run page two folders up.
  for (const f of files(root).filter((p) => p.endsWith('.html') || /^b\/[^/]+\/charts\/[^/]+\.js$/.test(p))) {
    const base = f.endsWith('.js') ? dirname(dirname(join(root, f))) : dirname(join(root, f))
    const text = readFileSync(join(root, f), 'utf8').replace(/\\u003c/g, '<').replace(/\\"/g, '"')
    for (const m of text.matchAll(/(?:href|src)="([^"]*)"/g)) {
      const url = m[1].replace(/&amp;/g, '&')
      if (url === '' || url.startsWith('#') || url.startsWith('data:') || url.startsWith('?')) continue
      const path = decodeURIComponent(url.split('#')[0])
      const target = resolve(base, path)
      if (relative(root, target).startsWith('..') || !existsSync(target)) bad.push(`${f} -> ${url}`)
    }
  }
  return bad
}

describe('export --out DIR', () => {
  it('writes the index and every page of every benchmark, each link a file of the report, and leaves the store as it was', async () => {
    const before = readFileSync(db)
    const r = await runBin(['export', '--out', 'report'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Wrote report: \d+ files/)
    const report = join(dir, 'report')
    const all = files(report)
    for (const f of ['index.html', 'benchmarks.json', 'b/sort/index.html', 'b/sort/run-1.html', 'b/sort/run-3.html', 'b/sort/history.html', 'b/sort/history-point-0.html', 'b/sort/compare-2-3.html', 'b/sort/compare-3-2.html', 'b/sort/samples-1.csv', 'b/sort/benchmark.json', 'rrd/text.rrd', 'media/plot.png', 'rerun/view.html', 'rerun/index.js', 'rerun/re_viewer_bg.wasm']) {
      expect(all).toContain(f)
    }
    // A name with characters a file system or URL reads specially is one %-encoded folder.
    expect(all.some((f) => f.startsWith('b/media%20%3C%26%3E%20%22quoted%22/'))).toBe(true)
    expect(danglingLinks(report)).toEqual([])
    // Pages have no forms (nothing would answer them) and no absolute URL.
    const html = all.filter((f) => f.endsWith('.html') && !f.startsWith('rerun/')).map((f) => readFileSync(join(report, f), 'utf8'))
    expect(html.some((h) => h.includes('<form'))).toBe(false)
    expect(html.some((h) => /(?:href|src)="\//.test(h))).toBe(false)
    // The copied recording is the stored one, byte for byte; the viewer's entry imports a file that exists under a JavaScript name.
    expect(Buffer.compare(readFileSync(join(report, 'rrd/text.rrd')), readFileSync(join(fixtures, 'oracle_text_log.rrd')))).toBe(0)
    expect(readFileSync(join(report, 'rerun/index.js'), 'utf8')).toContain('./re_viewer.js')
    expect(Buffer.compare(readFileSync(db), before)).toBe(0)
  }, 120_000)

  it('--no-media leaves recordings, media and the viewer out, and the pages say so', async () => {
    const r = await runBin(['export', 'media <&> "quoted"', '--out', 'bare', '--no-media'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const all = files(join(dir, 'bare'))
    // The page's own script for the viewer's section stays (it shows why each recording cannot be viewed); the viewer does not.
    expect(all.filter((f) => f.startsWith('rrd/') || f.startsWith('media/') || f.startsWith('rerun/'))).toEqual(['rerun/embed.js'])
    // Only the benchmark named: the index lists it alone.
    expect(all.some((f) => f.startsWith('b/sort/'))).toBe(false)
    const page = readFileSync(join(dir, 'bare', 'b', 'media%20%3C%26%3E%20%22quoted%22', 'index.html'), 'utf8')
    expect(page).toContain('left out of this report (it was exported with --no-media)')
    expect(page).toContain('missing: plot.png')
    expect(page).not.toContain('<&>')
  }, 60_000)

  it('refuses a folder that is not empty, unless --force, and leaves it as it was', async () => {
    const out = join(dir, 'taken')
    mkdirSync(out)
    writeFileSync(join(out, 'keep.txt'), 'mine')
    const r = await runBin(['export', 'sort', '--out', 'taken', '--no-media'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toStartWith('bench-plot: --out ')
    expect(r.stderr).toContain('not empty')
    expect(readdirSync(out)).toEqual(['keep.txt'])
    const forced = await runBin(['export', 'sort', '--out', 'taken', '--no-media', '--force'], { cwd: dir })
    expect(forced.code).toBe(0)
    expect(existsSync(join(out, 'keep.txt'))).toBe(false)
    expect(existsSync(join(out, 'b', 'sort', 'index.html'))).toBe(true)
    // No temporary folder is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.partial-') || f.includes('.old-'))).toEqual([])
  }, 60_000)

  it('an unknown benchmark is an error naming it, and nothing is written', async () => {
    const r = await runBin(['export', 'nope', '--out', 'none'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toStartWith('bench-plot: no benchmark named "nope"')
    expect(existsSync(join(dir, 'none'))).toBe(false)
  })

  it('needs exactly one of --out and --single-file', async () => {
    for (const args of [['export'], ['export', 'sort', '--out', 'a', '--single-file', 'b.html']]) {
      const r = await runBin(args, { cwd: dir })
      expect(r.code).toBe(2)
      expect(r.stderr).toStartWith('bench-plot: export needs one of --out DIR or --single-file')
    }
  })
})

describe('export --single-file', () => {
  it('writes one HTML file needing no other file, and refuses to replace one without --force', async () => {
    const r = await runBin(['export', 'sort', '--single-file', 'sort.html'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const html = readFileSync(join(dir, 'sort.html'), 'utf8')
    // Styles and scripts inside; links only to its own sections.
    expect(html).not.toMatch(/<script[^>]+src=/)
    expect(html).not.toMatch(/<link[^>]+stylesheet/)
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]))
    for (const m of html.matchAll(/href="#(bp-\d+)"/g)) expect(ids.has(m[1])).toBe(true)
    expect(html.match(/class="bp-page"/g)?.length ?? 0).toBeGreaterThan(3)
    const again = await runBin(['export', 'sort', '--single-file', 'sort.html'], { cwd: dir })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('--force')
    expect(readFileSync(join(dir, 'sort.html'), 'utf8')).toBe(html)
  }, 60_000)
})

describe('writeDirAtomically', () => {
  it('a failure while filling leaves no folder and no temporary folder', async () => {
    const root = tempDir()
    const out = join(root, 'report')
    await expect(
      writeDirAtomically(out, false, async (tmp) => {
        writeFileSync(join(tmp, 'index.html'), 'half')
        throw new Error('disk full')
      }),
    ).rejects.toThrow('disk full')
    expect(readdirSync(root)).toEqual([])
  })

  it('with force, a failure leaves the old folder in place', async () => {
    const root = tempDir()
    const out = join(root, 'report')
    mkdirSync(out)
    writeFileSync(join(out, 'old.html'), 'old')
    await expect(
      writeDirAtomically(out, true, async () => {
        throw new Error('broken')
      }),
    ).rejects.toThrow('broken')
    expect(readdirSync(root)).toEqual(['report'])
    expect(readFileSync(join(out, 'old.html'), 'utf8')).toBe('old')
  })
})
