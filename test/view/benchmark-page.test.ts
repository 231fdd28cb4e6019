import { describe, expect, it } from 'bun:test'
import { validateRun } from '../../src/model/run-format'
import { parseChartRequest } from '../../src/plots'
import { memorySource } from '../../src/server'
import type { ServerContext } from '../../src/server/context'
import { createHistoryCache } from '../../src/server/history-cache'
import { runPage } from '../../src/server/loaders'
import { createPageCache } from '../../src/server/page-cache'
import { BenchmarkPage, serverLinks } from '../../src/view'
import { titleShown } from '../../src/view/benchmark-page'
import { sortRun } from '../fixtures/sort-run'

// A benchmark page drawn through its loader, from runs held in memory; `unreadable` stands for what a damaged store reports.
async function page(title: string, unreadable: { id: number; reason: string }[] = []): Promise<string> {
  const source = { ...memorySource([{ name: 'sort', runs: [{ ...validateRun({ ...sortRun(), title }), id: 1 }] }]), unreadableRuns: async () => unreadable }
  const ctx: ServerContext = {
    source,
    name: null,
    cachedir: null,
    location: 'memory',
    pages: createPageCache(),
    histories: createHistoryCache(source),
    links: serverLinks,
    exists: () => true,
    recordings: () => ({ status: 'ok', version: null, problem: null, viewable: true }),
  }
  return BenchmarkPage(await (await runPage(ctx, 'sort', { charts: parseChartRequest({}), allPoints: false })).load())
}

describe('the benchmark page', () => {
  it('cuts a very long title and says where the whole of it is, escaped, in a page that does not grow with it', async () => {
    const long = `${'A long title '.repeat(1600)}<b>end</b>`.slice(0, 20000)
    const html = await page(long)
    const heading = html.match(/<h2>([^<]*)<\/h2>/)?.[1] as string
    expect(heading).toBe(`${long.slice(0, titleShown)}…`)
    expect(html).toContain('The title has 20,000 characters; the whole of it is in <a href="/api/benchmarks/sort">')
    expect(html).not.toContain('<b>end</b>')
    // The tab's tooltip is cut too: the title is not written out whole anywhere on the page.
    expect(html).not.toContain(long.slice(0, 400))
    expect(html.length).toBeLessThan((await page('short')).length + 2000)
  })

  it('says which runs the store could not read, and why', async () => {
    const html = await page('fine', [{ id: 2, reason: 'bad JSON in runs.meta: <x>' }])
    expect(html).toContain('One run of this benchmark could not be read from the store and is left out:')
    expect(html).toContain('<li>run 2: bad JSON in runs.meta: &lt;x&gt;</li>')
    expect(await page('fine')).not.toContain('could not be read')
  })
})
