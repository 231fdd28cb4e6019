import { describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { BenchPlotError, findFreePort, loadBenchmark, openStore, plotServer, serve, validateRun } from '../../src/index'
import { sortRun } from '../fixtures/sort-run'
import { tempDir } from '../helpers/binary'

async function makeStore(): Promise<string> {
  const cachedir = join(tempDir(), 'cachedir')
  const store = await openStore(join(cachedir, 'bench-plot.sqlite'))
  await store.record(sortRun())
  await store.close()
  return cachedir
}

describe('library API', () => {
  it('loadBenchmark reads a benchmark and its runs', async () => {
    const b = await loadBenchmark('sort', { cachedir: await await makeStore() })
    expect(b.name).toBe('sort')
    expect(b.runs.map((r) => r.title)).toEqual(['Sorting'])
  })

  it('plotServer serves a stored benchmark and stops', async () => {
    const s = await plotServer('sort', { cachedir: await makeStore() })
    try {
      expect(s.url).toBe(`http://127.0.0.1:${s.port}/`)
      expect(await (await fetch(s.url)).text()).toContain('<h2>Sorting</h2>')
    } finally {
      await s.stop()
    }
    expect(await fetch(s.url).then(() => 'up', () => 'down')).toBe('down')
  })

  it('plotServer announces its URL through onListen before it resolves, and answers a request made from there', async () => {
    let answered: Promise<string> | null = null
    const announced: string[] = []
    const s = await plotServer('sort', {
      cachedir: await makeStore(),
      onListen: (url) => {
        announced.push(url)
        // Asked at once, as a user who read the line would: the port is bound and the request waits for the server.
        answered = fetch(url).then((r) => r.text())
      },
    })
    try {
      expect(announced).toEqual([s.url])
      expect(await (answered as Promise<string> | null)).toContain('<h2>Sorting</h2>')
    } finally {
      await s.stop()
    }
  })

  it('plotServer throws NOT_FOUND for a missing name without binding', async () => {
    const port = await findFreePort()
    const err = await plotServer('nope', { cachedir: await makeStore(), port }).catch((e) => e)
    expect(err).toBeInstanceOf(BenchPlotError)
    expect(err.code).toBe('NOT_FOUND')
    // The port is still free.
    Bun.listen({ hostname: '127.0.0.1', port, socket: { data() {} } }).stop(true)
  })

  it('serve shows runs held in memory on a given port', async () => {
    const port = await findFreePort()
    const s = await serve('mem', [validateRun(sortRun({ benchmark: 'mem', title: 'In memory' }))], { port, host: '127.0.0.1' })
    try {
      expect(s.port).toBe(port)
      expect(await (await fetch(s.url)).text()).toContain('<h2>In memory</h2>')
    } finally {
      await s.stop()
    }
  })
})
