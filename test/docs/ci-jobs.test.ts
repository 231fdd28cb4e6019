import { beforeAll, describe, expect, it } from 'bun:test'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { binPath, runBin, tempDir } from '../helpers/binary'
import { historyCase } from '../model/regression-histories'

// docs/ci.md promises complete, copyable jobs: its YAML must parse, and the bench-plot steps of the
// GitHub and GitLab jobs are run here as written (with this build as ./bench-plot and a history whose
// newest run regressed as the benchmark's output), so a renamed flag or a wrong path fails this test.
const root = resolve(import.meta.dir, '../..')
const doc = readFileSync(join(root, 'docs/ci.md'), 'utf8')
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => Bun.YAML.parse(m[1] as string) as Record<string, unknown>)
type Step = { name?: string; run?: string; uses?: string; if?: string }
const githubJob = (blocks[0] as { jobs: { benchmarks: { steps: Step[] } } }).jobs.benchmarks
const gitlabJob = (blocks.find((b) => 'benchmarks' in b) as { benchmarks: { script: string[]; variables: Record<string, string>; artifacts: { reports: { junit: string } } } }).benchmarks
const xsd = join(root, 'test/fixtures/junit/JUnit.xsd')

/**
 * A folder as a CI job sees it: ./bench-plot, the store restored from earlier jobs (six steady runs of
 * my-benchmark in bench-store/) and results.json, this job's run, which regressed.
 */
async function workspace(): Promise<string> {
  const dir = tempDir('bench-plot-ci-')
  copyFileSync(binPath, join(dir, 'bench-plot'))
  const runs = historyCase('step', 'my-benchmark')
  writeFileSync(join(dir, 'earlier.json'), JSON.stringify(runs.slice(0, -1)))
  const earlier = await runBin(['import', 'earlier.json', '--cachedir', 'bench-store'], { cwd: dir })
  if (earlier.code !== 0) throw new Error(`import of the earlier runs failed: ${earlier.stderr}`)
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ ...runs.at(-1), benchmark: 'this-job' }))
  return dir
}

function shell(script: string, cwd: string, env: Record<string, string>) {
  const proc = Bun.spawnSync(['bash', '-e', '-c', script], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...env }, stdout: 'pipe', stderr: 'pipe' })
  return { code: proc.exitCode, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() }
}

beforeAll(() => {
  if (!existsSync(binPath)) throw new Error('./bench-plot is missing: run `bun run build` (bun run test does)')
})

describe('docs/ci.md', () => {
  it('has YAML that parses, and a GitHub job that downloads, imports, checks, uploads and keeps the store', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3)
    const uses = githubJob.steps.map((s) => s.uses).filter(Boolean)
    expect(uses).toEqual(['actions/checkout@v4', 'actions/cache/restore@v4', 'actions/upload-artifact@v4', 'actions/cache/save@v4'])
    const named = (word: string) => githubJob.steps.find((s) => s.name?.includes(word))
    expect(named('Download')?.run).toContain('sha256sum -c --ignore-missing SHA256SUMS')
    expect(named('Upload')?.if).toBe('always()')
    expect(named('Write the report')?.if).toBe('always()')
  })

  it('GitHub job: the import and check steps run as written, fill the job summary and fail on the regression', async () => {
    const dir = await workspace()
    const summary = join(dir, 'step-summary.md')
    writeFileSync(summary, '')
    const env = { BENCH_PLOT_CACHEDIR: 'bench-store', GITHUB_SHA: 'c0ffee', GITHUB_REF_NAME: 'main', GITHUB_HEAD_REF: '', GITHUB_STEP_SUMMARY: summary }
    const step = (word: string) => githubJob.steps.find((s) => s.name?.includes(word))?.run as string
    const imported = shell(step('Import the results'), dir, env)
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    const checked = shell(step('Check ('), dir, env)
    expect(checked.code).toBe(1)
    expect(checked.stdout).toStartWith('::error title=bench-plot check%3A my-benchmark::time regressed: ')
    expect(readFileSync(summary, 'utf8')).toContain('| [my-benchmark](<b/my-benchmark>) | time | 🔴 **regressed** |')
    const lint = Bun.spawnSync(['xmllint', '--noout', '--schema', xsd, join(dir, 'bench-plot-junit.xml')], { stderr: 'pipe' })
    expect(lint.exitCode).toBe(0)
    expect(existsSync(join(dir, 'bench-store/bench-plot.sqlite'))).toBe(true)
    const reported = shell(step('Write the report'), dir, env)
    expect(reported.stderr).toBe('')
    expect(reported.code).toBe(0)
    expect(existsSync(join(dir, 'bench-plot-report/b/my-benchmark/index.html'))).toBe(true)
  }, 60_000)

  it('GitLab job: the script runs as written, writes the JUnit report it declares and fails on the regression', async () => {
    const dir = await workspace()
    // The first line runs the user's own benchmark; results.json stands for its output.
    const script = gitlabJob.script.filter((line) => !line.includes('my_benchmark')).join('\n')
    const r = shell(script, dir, { ...gitlabJob.variables, CI_COMMIT_SHA: 'c0ffee', CI_COMMIT_REF_NAME: 'main' })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('regressed: my-benchmark (time, throughput)')
    const junit = join(dir, gitlabJob.artifacts.reports.junit)
    expect(Bun.spawnSync(['xmllint', '--noout', '--schema', xsd, junit], { stderr: 'pipe' }).exitCode).toBe(0)
    expect(readFileSync(join(dir, 'bench-plot-check.md'), 'utf8')).toContain('**1 benchmark regressed:** my-benchmark (time, throughput)')
    expect((gitlabJob.artifacts as unknown as { paths: string[] }).paths).toContain('bench-plot-report/')
    expect(existsSync(join(dir, 'bench-plot-report/index.html'))).toBe(true)
  }, 60_000)
})

describe('.github/workflows/ci.yml', () => {
  it('tests on every push, builds every platform, smoke-tests musl on Alpine and releases on a tag', () => {
    const wf = Bun.YAML.parse(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')) as { jobs: Record<string, { needs?: string | string[]; if?: string; container?: string; steps: Step[] }> }
    expect(Object.keys(wf.jobs)).toEqual(['test', 'build', 'musl', 'release'])
    const runs = (job: string) => wf.jobs[job].steps.map((s) => s.run ?? '').join('\n')
    expect(runs('test')).toContain('.ci/run')
    expect(runs('build')).toContain('bun run build --all')
    expect(wf.jobs.musl.container).toStartWith('alpine')
    expect(runs('musl')).toContain('sh scripts/smoke.sh dist/bench-plot-linux-x64-musl')
    expect(wf.jobs.release.if).toBe("startsWith(github.ref, 'refs/tags/v')")
    expect(runs('release')).toContain('gh release create "$GITHUB_REF_NAME" dist/*')
  })
})
