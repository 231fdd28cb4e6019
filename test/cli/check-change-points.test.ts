import { beforeAll, describe, expect, it } from 'bun:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runBin, tempDir } from '../helpers/binary'
import { shapeHistory } from '../model/change-point-histories'

// Each made-up history in a store of its own, imported through the binary as a user would, so
// that run ids count from 1 and run #46 is the 46th run.
const dirs: Record<string, string> = {}
const check = (name: string, ...args: string[]) => runBin(['check', name, ...args, '--cachedir', dirs[name]], { cwd: dirs[name] })

beforeAll(async () => {
  const histories = {
    // algo=heap 25 % slower from run #46; judged at run #53.
    'heap-slower': shapeHistory('step-one-algo', 1, 'heap-slower', 53),
    // The same step, judged at run #48: the newest run is where it shows.
    'heap-news': shapeHistory('step-one-algo', 1, 'heap-news', 48),
    noise: shapeHistory('noise', 1, 'noise', 40),
  }
  for (const [name, runs] of Object.entries(histories)) {
    dirs[name] = tempDir()
    const file = join(dirs[name], `${name}.json`)
    writeFileSync(file, JSON.stringify(runs))
    const r = await runBin(['import', file, '--cachedir', dirs[name]], { cwd: dirs[name] })
    if (r.code !== 0) throw new Error(`import ${name} failed: ${r.stderr}`)
  }
})

describe('bench-plot check: where and when it changed', () => {
  it('names the run where it changed, its size and the points that moved', async () => {
    const r = await check('heap-slower')
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/changed at #46 c046 \(2026-10-16 12:00\): \+2[45]\.\d% \(95% CI \+2\d\.\d% to \+2\d\.\d%\), p=0\.00\d, at 4 of 12 points: algo=heap at every n \(after #45 c045/)
  })

  it('says which points moved and which did not, and the median change over points', async () => {
    const r = await check('heap-news')
    expect(r.stdout).toMatch(/per point: median [+-]\d\.\d% \(smallest [+-]\d\.\d%, largest \+2\d\.\d%\) over 12 points/)
    expect(r.stdout).toMatch(/moved: algo=heap at every n \+2\d\.\d% to \+2\d\.\d% \(4 of 12\); algo=quick or merge at every n within ±[0-3]\.\d%/)
  })

  it('noise: names no change point', async () => {
    const r = await check('noise')
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain('changed at')
  })

  it('--json prints schema 2: change points per result and per point', async () => {
    const r = await check('heap-slower', '--json')
    const report = JSON.parse(r.stdout)
    expect(report.schema_version).toBe(2)
    const time = report.benchmarks[0].results[0]
    expect(time.change_points).toHaveLength(1)
    expect(time.change_points[0]).toMatchObject({ run: 46, time: '2026-10-16T12:00:00.000Z', label: 'c046', points_moved: 4, moved: 'algo=heap at every n' })
    expect(time.change_points[0].ci).toHaveLength(2)
    expect(time.change_points[0].p).toBeLessThan(0.01)
    const byPoint = (algo: string) => time.points.filter((p: { inputs: { algo: string } }) => p.inputs.algo === algo).map((p: { change_points: { label: string }[] }) => p.change_points.map((c) => c.label))
    expect(byPoint('heap')).toEqual([['c046'], ['c046'], ['c046'], ['c046']])
    expect(byPoint('quick')).toEqual([[], [], [], []])
  })

  it('--schema 1 keeps version 1, without change points', async () => {
    const report = JSON.parse((await check('heap-slower', '--json', '--schema', '1')).stdout)
    expect(report.schema_version).toBe(1)
    expect(report.benchmarks[0].results[0]).not.toHaveProperty('change_points')
    expect(report.benchmarks[0].results[0].points[0]).not.toHaveProperty('change_points')
  })

  it('--schema 3 is bad usage', async () => {
    const r = await check('noise', '--json', '--schema', '3')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('bench-plot: --schema: expected one of 1, 2, got "3"\n')
  })
})
