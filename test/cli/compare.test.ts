import { beforeAll, describe, expect, it } from 'bun:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runBin, tempDir } from '../helpers/binary'
import { historyCase } from '../model/regression-histories'

let dir = ''
const compare = (...args: string[]) => runBin(['compare', ...args, '--cachedir', dir], { cwd: dir })

beforeAll(async () => {
  dir = tempDir()
  for (const kind of ['step', 'input-change'] as const) {
    const file = join(dir, `${kind}.json`)
    writeFileSync(file, JSON.stringify(historyCase(kind)))
    const r = await runBin(['import', file, '--cachedir', dir], { cwd: dir })
    if (r.code !== 0) throw new Error(`import ${kind} failed: ${r.stderr}`)
  }
})

describe('bench-plot compare', () => {
  it('prints per point ratio, p-value with a significance mark, and verdict', async () => {
    const r = await compare('step', 'previous', 'latest')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('step: #7 v1.6 (2026-10-07 12:00) against #6 v1.5 (2026-10-06 12:00)')
    expect(r.stdout).toContain('time: REGRESSED +44.9%')
    expect(r.stdout).toMatch(/n=1000\s+999\.1 ms\s+1\.498 s\s+1\.499\s+\+49\.9%\s+0\.007937 \*\s+regressed/)
    expect(r.stdout).toMatch(/n=10\s+.*unchanged/)
  })

  it('selects runs by id, time label or commit', async () => {
    const byId = await compare('step', '1', '2', '--json')
    const report = JSON.parse(byId.stdout)
    expect(report.a.id).toBe(1)
    expect(report.b.id).toBe(2)
    expect(report.results[0].verdict).toBe('unchanged')
    const byLabel = JSON.parse((await compare('step', 'v1.0', 'c0ffee6', '--json')).stdout)
    expect([byLabel.a.label, byLabel.b.label]).toEqual(['v1.0', 'v1.6'])
  })

  it('--json keeps numbers finite and reports each point', async () => {
    const r = await compare('step', 'previous', 'latest', '--json')
    const report = JSON.parse(r.stdout)
    expect(report).toMatchObject({ schema_version: 1, benchmark: 'step', same_inputs: true, regressed: true })
    const big = report.results[0].points[2]
    expect(big).toMatchObject({ inputs: { n: 1000 }, significant: true, verdict: 'regressed' })
    expect(big.ratio).toBeCloseTo(1.5, 1)
  })

  it('compares across an input change on the common points', async () => {
    const r = await compare('input-change', 'v1.2', 'latest')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('the inputs differ (input "n": values added 10000)')
    expect(r.stdout).not.toContain('n=10000')
  })

  it('exits 1 for an unknown run and 2 for bad usage', async () => {
    const missing = await compare('step', '99', 'latest')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('step has no run "99"')
    const usage = await compare('step', 'latest')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('compare needs NAME RUN_A RUN_B')
  })
})
