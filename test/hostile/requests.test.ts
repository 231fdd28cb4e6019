import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { maxNameUrlLength } from '../../src/model/run-format'
import { sortRun } from '../fixtures/sort-run'
import { runBin, startServer, tempDir, type ServerProcess } from '../helpers/binary'
import { importedStore, oneLineError, rawGet } from './helpers'

// Point 9 of issue 22: malformed requests and names too long to serve.
const longestName = 'n'.repeat(maxNameUrlLength)
const longTitle = `${'A long title '.repeat(1538)}<b>end</b>`.slice(0, 20000)
let server: ServerProcess
beforeAll(async () => {
  const { db } = await importedStore([sortRun(), sortRun({ benchmark: longestName, title: longTitle })])
  server = await startServer(['serve', '--db', db, '--no-open'])
})
afterAll(async () => {
  await server?.stop()
})

describe('malformed percent-encoding', () => {
  const bad = ['/b/%', '/b/%ff%fe', '/b/%ZZ', '/b/sort%', '/b/%c3%28', '/b/%ed%a0%80', '/b/sort/figure/%', '/b/sort/chart/%ff', '/b/sort/compare?a=%ff', '/api/benchmarks/%ZZ', '/api/benchmarks/%', '/api/benchmarks/%ff%fe/runs/1/samples.csv', '/media/%ff', '/rrd_static/%', '/%']
  it('answers 400 or 404, never 500, and writes no stack to the log', async () => {
    for (const path of bad) {
      const r = await rawGet(server.port, path, `127.0.0.1:${server.port}`)
      expect(`${path} ${[400, 404].includes(r.status)}`).toBe(`${path} true`)
    }
    expect(server.stderr()).toBe('')
  })
})

describe('long names and titles', () => {
  it('refuses at import a benchmark name too long to serve, in one line naming the JSON path', async () => {
    const dir = tempDir()
    for (const name of ['n'.repeat(maxNameUrlLength + 1), 'é'.repeat(3000), '/'.repeat(6000)]) {
      const file = join(dir, 'long.json')
      writeFileSync(file, JSON.stringify(sortRun({ benchmark: name })))
      const r = await runBin(['import', file, '--db', join(dir, 's.sqlite')])
      expect(r.code).toBe(2)
      expect(oneLineError(r)).toMatch(/long\.json: benchmark: a name of \d+ characters is too long \(at most 8000 once URL-encoded\)$/)
    }
  })

  it('serves the longest name accepted, and a page whose title is 20,000 characters, escaped', async () => {
    const page = await fetch(`${server.url}b/${longestName}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).not.toContain('<b>end</b>')
    const api = await fetch(`${server.url}api/benchmarks/${longestName}`)
    expect(((await api.json()) as { runs: { title: string }[] }).runs[0].title).toBe(longTitle)
  })
})
