import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { platforms } from '../../scripts/build/platforms'
import { runBin, startServer, tempDir } from '../helpers/binary'
import { historyCase } from '../model/regression-histories'

// Under qemu the executable starts in ~1 s and serves in a few; bun test's own default is 5 s.
const slow = 120_000

// `bun run build --all` as CI runs it: every platform cross-compiled (each target's Bun comes from the
// npm registry), checked by its file header, and the linux-arm64 one run under qemu-user through the
// smoke test of issue 19: --version, an import, check --json and a page served over HTTP.
const root = resolve(import.meta.dir, '../..')
const dist = tempDir('bench-plot-dist-')
afterAll(() => rmSync(dist, { recursive: true, force: true }))

const head = Bun.spawnSync(['git', 'rev-parse', '--short=12', 'HEAD'], { cwd: root }).stdout.toString().trim() || 'unknown'
const qemu = Bun.which('qemu-aarch64')
const arm64Root = '/usr/aarch64-linux-gnu'
const arm64Exec: string[] = [qemu ?? 'qemu-aarch64', '-L', arm64Root, join(dist, 'bench-plot-linux-arm64')]
const noQemu = !qemu || !existsSync(join(arm64Root, 'lib/ld-linux-aarch64.so.1'))
  ? 'qemu-aarch64 or the arm64 loader is missing: apt-get install qemu-user libc6-arm64-cross (.ci/run does)'
  : null
if (noQemu) console.warn(`skipping the linux-arm64 smoke test: ${noQemu}`)

beforeAll(() => {
  const proc = Bun.spawnSync([process.execPath, 'scripts/build.ts', '--all', '--outdir', dist], { cwd: root, stdout: 'pipe', stderr: 'pipe' })
  if (proc.exitCode !== 0) throw new Error(`bun run build --all failed:\n${proc.stderr.toString()}`)
}, 600_000)

/** What the first bytes of an executable say it is made for. */
function headerOf(file: string): string {
  const b = readFileSync(file).subarray(0, 4096)
  const u16 = (o: number) => b.readUInt16LE(o)
  const u32 = (o: number) => b.readUInt32LE(o)
  if (b.subarray(0, 4).toString('latin1') === '\x7fELF') {
    const machine = { 0x3e: 'x64', 0xb7: 'arm64' }[u16(18)] ?? `machine ${u16(18)}`
    // The program interpreter names the C library: glibc's ld-linux or musl's ld-musl.
    const interp = b.toString('latin1').match(/\/lib\w*\/ld-(linux|musl)[\w.-]*/)?.[1]
    return `linux ${machine} ${interp === 'musl' ? 'musl' : 'glibc'}`
  }
  if (u32(0) === 0xfeedfacf) return `darwin ${{ 0x01000007: 'x64', 0x0100000c: 'arm64' }[u32(4)] ?? `cpu ${u32(4)}`}`
  if (b.subarray(0, 2).toString('latin1') === 'MZ') {
    const pe = u32(0x3c)
    return `windows ${u16(pe + 4) === 0x8664 ? 'x64' : `machine ${u16(pe + 4)}`}`
  }
  return 'unknown'
}

describe('bun run build --all', () => {
  it('writes bench-plot-<os>-<arch>[.exe] for every platform, each made for it', () => {
    const expected: Record<string, string> = {
      'bench-plot-linux-x64': 'linux x64 glibc',
      'bench-plot-linux-arm64': 'linux arm64 glibc',
      'bench-plot-linux-x64-musl': 'linux x64 musl',
      'bench-plot-darwin-x64': 'darwin x64',
      'bench-plot-darwin-arm64': 'darwin arm64',
      'bench-plot-windows-x64.exe': 'windows x64',
    }
    expect(platforms.map((p) => p.file).sort()).toEqual(Object.keys(expected).sort())
    for (const [file, kind] of Object.entries(expected)) expect([file, headerOf(join(dist, file))]).toEqual([file, kind])
  }, slow)

  it('writes SHA256SUMS that sha256sum -c accepts, one line per executable', () => {
    const sums = readFileSync(join(dist, 'SHA256SUMS'), 'utf8').trim().split('\n')
    expect(sums.map((l) => l.split('  ')[1])).toEqual(platforms.map((p) => p.file).sort())
    const verify = Bun.spawnSync(['sha256sum', '-c', 'SHA256SUMS'], { cwd: dist, stdout: 'pipe', stderr: 'pipe' })
    expect(verify.stdout.toString().trim().split("\n").sort()).toEqual(platforms.map((p) => `${p.file}: OK`).sort())
    expect(verify.exitCode).toBe(0)
  }, slow)

  it('names the commit it was built from in --version', async () => {
    const r = await runBin(['--version'], { exec: [join(dist, 'bench-plot-linux-x64')] })
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toMatch(new RegExp(`^\\d+\\.\\d+\\.\\d+ \\(commit ${head}(-dirty)?\\)$`))
  }, slow)
})

describe.skipIf(noQemu !== null)('the linux-arm64 executable under qemu-user (smoke test)', () => {
  smokeTest(arm64Exec)
})

// The musl build needs a libstdc++ built for musl, which Debian does not package; the Alpine job of
// .github/workflows/ci.yml runs scripts/smoke.sh on it instead (docs/ci.md). That script is checked here
// on the linux-x64 build, and must fail on an executable that is not bench-plot.
describe('scripts/smoke.sh', () => {
  it('passes the linux-x64 build and fails a program that is not bench-plot', () => {
    const smoke = (bin: string) => Bun.spawnSync(['sh', 'scripts/smoke.sh', bin], { cwd: root, stdout: 'pipe', stderr: 'pipe' })
    const ok = smoke(join(dist, 'bench-plot-linux-x64'))
    expect(ok.stderr.toString()).toBe('')
    expect(ok.stdout.toString()).toContain('passed (--version, import, check --json, GET /b/scan)')
    const bad = smoke('/bin/true')
    expect(bad.exitCode).toBe(1)
    expect(bad.stderr.toString()).toStartWith('smoke: --version does not name a commit')
  }, slow)
})

function smokeTest(exec: string[]): void {
  const dir = tempDir('bench-plot-smoke-')
  const opts = { exec, cwd: dir }
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints its version and commit', async () => {
    const r = await runBin(['--version'], opts)
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout.trim()).toMatch(new RegExp(`\\(commit ${head}(-dirty)?\\)$`))
  }, slow)

  it('imports a JSON run history and a hyperfine file', async () => {
    writeFileSync(join(dir, 'step.json'), JSON.stringify(historyCase('step')))
    for (const args of [['step.json'], [join(root, 'test/fixtures/hyperfine/param-scan-lines.json'), '--name', 'scan']]) {
      const r = await runBin(['import', ...args, '--cachedir', dir], opts)
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    }
    const list = JSON.parse((await runBin(['list', '--json', '--cachedir', dir], opts)).stdout)
    expect(list.map((b: { name: string; runs: number }) => [b.name, b.runs])).toEqual([['scan', 1], ['step', 7]])
  }, slow)

  it('gives the same check --json as this machine\'s build, and exits 1 on the regression', async () => {
    const r = await runBin(['check', 'step', 'scan', '--json', '--cachedir', dir], opts)
    expect(r.code).toBe(1)
    const native = await runBin(['check', 'step', 'scan', '--json', '--cachedir', dir], { cwd: dir })
    expect(native.code).toBe(1)
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(native.stdout))
    expect(JSON.parse(r.stdout).benchmarks[0].results[0]).toMatchObject({ name: 'time', verdict: 'regressed' })
  }, slow)

  it('serves the benchmark page over HTTP', async () => {
    const server = await startServer(['step', '--no-open', '--cachedir', dir], { ...opts, timeoutMs: 60_000 })
    try {
      const page = await fetch(`${server.url}b/step`)
      expect(page.status).toBe(200)
      const html = await page.text()
      // time and throughput both regressed at n=1000; only the headline is compared, not the whole page.
      expect(html.match(/<strong>(\d+ regressions? detected)<\/strong>/)?.[1]).toBe('2 regressions detected')
      const api = await (await fetch(`${server.url}api/benchmarks/step`)).json()
      expect(api.runs).toHaveLength(7)
    } finally {
      expect(await server.stop()).toBe(0)
    }
  }, slow)
}
