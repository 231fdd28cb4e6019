import { beforeAll, describe, expect, it } from 'bun:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runBin, tempDir } from '../helpers/binary'
import { caseNames, expected, historyCase } from '../model/regression-histories'

// One store holding every made-up history, imported through the binary as a user would.
let dir = ''
const check = (...args: string[]) => runBin(['check', ...args, '--cachedir', dir], { cwd: dir })

beforeAll(async () => {
  dir = tempDir()
  for (const kind of caseNames) {
    const file = join(dir, `${kind}.json`)
    writeFileSync(file, JSON.stringify(historyCase(kind)))
    const r = await runBin(['import', file, '--cachedir', dir], { cwd: dir })
    if (r.code !== 0) throw new Error(`import ${kind} failed: ${r.stderr}`)
  }
})

describe('bench-plot check', () => {
  it.each(caseNames)('%s: prints the verdict and exits as expected', async (kind) => {
    const r = await check(kind)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(expected[kind].exit)
    const verdict = expected[kind].verdict
    expect(r.stdout).toMatch(new RegExp(`^\\s+${verdict === 'regressed' ? 'REGRESSED' : verdict}\\s+time\\b`, 'm'))
  })

  it('names the inputs that regressed', async () => {
    const r = await check('step')
    expect(r.stdout).toContain('regressed at n=1000 (+49.9%')
    expect(r.stdout).toContain('[step]')
    expect(r.stdout).toContain('regressed: step (time, throughput)')
  })

  it('says when a young baseline only warns, and what changed in the inputs', async () => {
    const r = await check('input-change')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('a new history started: input "n": values added 10000')
    expect(r.stdout).toContain('young baseline: 0 earlier runs (needs 1); notify only, does not block')
    expect(r.stdout).toContain('no blocking regression')
  })

  it('exits 1 when any of several benchmarks regressed', async () => {
    expect((await check('noise', 'single', 'improvement')).code).toBe(0)
    expect((await check('noise', 'drift')).code).toBe(1)
  })

  it('--json --schema 1 prints schema 1 with verdicts and points, numbers finite', async () => {
    const r = await check('step', 'single', '--json', '--schema', '1')
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.schema_version).toBe(1)
    expect(report.benchmarks.map((b: { name: string }) => b.name)).toEqual(['step', 'single'])
    const time = report.benchmarks[0].results[0]
    expect(time).toMatchObject({ name: 'time', verdict: 'regressed', method: 'adaptive', threshold: 3.5 })
    expect(time.change_percent).toBeGreaterThan(40)
    expect(time.points).toHaveLength(3)
    expect(time.points[2]).toMatchObject({ inputs: { n: 1000 }, verdict: 'regressed' })
    expect(time.points[2].p_value).toBeLessThan(0.05)
    expect(Object.keys(time.points[0]).sort()).toEqual(['baseline', 'change_percent', 'current', 'inputs', 'p_value', 'verdict'])
    expect(report.benchmarks[1].results[0]).toMatchObject({ verdict: 'young', change_percent: null, baseline: null })
  })

  it('--method and --threshold override the default', async () => {
    const loose = await check('step', '--method', 'percentage', '--threshold', '60')
    expect(loose.code).toBe(0)
    expect(loose.stdout).toContain('percentage ±60%')
    const strict = await check('drift', '--method', 'percentage', '--threshold', '5')
    expect(strict.code).toBe(1)
    const delta = await check('noise', '--method', 'delta', '--threshold', '0.5', '--json')
    expect(JSON.parse(delta.stdout).benchmarks[0].results[0]).toMatchObject({ method: 'delta', threshold: 0.5, verdict: 'unchanged' })
  })

  it.each([
    [['check'], 'needs at least one benchmark NAME'],
    [['check', 'step', '--method', 'fancy'], '--method: expected one of adaptive, percentage, delta, absolute'],
    [['check', 'step', '--threshold', 'x'], '--threshold: expected a number'],
    [['check', 'step', '--method', 'absolute'], 'needs --threshold'],
    [['check', 'step', '--bogus'], 'bogus'],
  ])('exits 2 for bad usage: %j', async (args, message) => {
    const r = await runBin([...args, '--cachedir', dir], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
  })

  it('exits 1 with the loader\'s message for an unknown benchmark', async () => {
    const r = await check('nope')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('no benchmark named "nope"')
  })
})
