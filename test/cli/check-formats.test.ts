import { beforeAll, describe, expect, it } from 'bun:test'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderMarkdown } from '../../src/view/markdown'
import { runBin, startServer, tempDir } from '../helpers/binary'
import { historyCase } from '../model/regression-histories'

// One benchmark per verdict of "time" (regressed, improved, unchanged, young), imported through the
// binary; every expectation on numbers is read from the same run's `check --json`.
const cases = ['step', 'improvement', 'noise', 'single'] as const
const xsd = join(import.meta.dir, '../fixtures/junit/JUnit.xsd')
// A result name that tries to be markdown, HTML, a table cell and an annotation command.
const hostile = 'lat|<img src=x onerror=alert(1)>*em*\n::error::x,%'

let dir = ''
const check = (...args: string[]) => runBin(['check', ...args, '--cachedir', dir], { cwd: dir })
type ResultJson = { name: string; verdict: string; change_percent: number | null; baseline: number | null; current: number | null }
let json: { benchmarks: { name: string; results: ResultJson[] }[] }
const resultOf = (benchmark: string, result = 'time') => json.benchmarks.find((b) => b.name === benchmark)?.results.find((r) => r.name === result) as ResultJson

beforeAll(async () => {
  dir = tempDir()
  const runs = [...cases.flatMap((c) => historyCase(c)), ...historyCase('improvement', 'odd').map((run) => ({ ...run, results: (run.results ?? []).map((r) => (r.name === 'time' ? { ...r, name: hostile } : r)), samples: run.samples.map((s) => ({ ...s, results: { [hostile]: s.results.time, throughput: s.results.throughput } })) }))]
  const file = join(dir, 'runs.json')
  writeFileSync(file, JSON.stringify(runs))
  const r = await runBin(['import', file, '--cachedir', dir], { cwd: dir })
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`)
  json = JSON.parse((await check(...cases, 'odd', '--json')).stdout)
})

/** The rows of the first table in HTML, each a list of cells' text and the links in them, parsed by Bun's HTML parser. */
async function tableRows(html: string): Promise<{ text: string[]; hrefs: string[] }[]> {
  const rows: { text: string[]; hrefs: string[] }[] = []
  await new HTMLRewriter()
    .on('tbody tr', { element: () => void rows.push({ text: [], hrefs: [] }) })
    .on('tbody td', { element: () => void rows.at(-1)?.text.push('') })
    .on('tbody td a', { element: (a) => void rows.at(-1)?.hrefs.push(a.getAttribute('href') ?? '') })
    .on('tbody td', {
      text: (t) => {
        const row = rows.at(-1)
        if (row) row.text[row.text.length - 1] += t.text
      },
    })
    .transform(new Response(html))
    .text()
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
  return rows.map((r) => ({ text: r.text.map(decode), hrefs: r.hrefs }))
}

/** An XPath 1.0 value read from an XML file by libxml2 (`xmllint`, Debian libxml2-utils, which .ci/run installs). */
const xpathOf = (file: string, q: string) => Bun.spawnSync(['xmllint', '--xpath', q, file], { stderr: 'pipe' }).stdout.toString().trim()

const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`)

describe('check --format markdown', () => {
  it('renders, through the pages\' markdown library, a table row per result with verdict, change and a link', async () => {
    const r = await check(...cases, 'odd', '--format', 'markdown', '--base-url', 'https://ci.example/report/')
    expect(r.code).toBe(1)
    const html = renderMarkdown(r.stdout)
    expect(html).toContain('<table>')
    const rows = await tableRows(html)
    const row = (b: string, result = 'time') => rows.find((x) => x.text[0] === b && x.text[1] === result)
    for (const [b, verdict] of [['step', 'regressed'], ['improvement', 'improved'], ['noise', 'unchanged'], ['single', 'young']] as const) {
      const cells = row(b)?.text ?? []
      expect(cells[2]).toContain(verdict)
      expect(cells[3]).toBe(pct(resultOf(b).change_percent))
      expect(row(b)?.hrefs).toEqual([`https://ci.example/report/b/${b}`])
    }
    expect(html).toContain('<strong>regressed</strong>')
    expect(html).toContain('<strong>1 benchmark regressed:</strong> step (time, throughput)')
    // The young baseline has no change; its note says why.
    expect(row('single')?.text.slice(3, 5)).toEqual(['—', '—'])
    expect(html).toContain('single / time: young baseline: 0 earlier runs (needs 1); notify only, does not block')
    expect(html).toContain('step / time: regressed at n=1000 (+49.9%')
  })

  it('shows user text literally: no tag, no extra cell, no emphasis', async () => {
    const r = await check('odd', '--format', 'markdown')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('No blocking regression in 1 benchmark.')
    const html = renderMarkdown(r.stdout)
    const rows = await tableRows(html)
    expect(rows.map((x) => x.text.length)).toEqual([7, 7])
    expect(rows[0].text[1]).toBe(hostile.replace('\n', ' '))
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<em>')
    expect(rows[0].hrefs).toEqual(['b/odd'])
    // The link is the page's route: served, it opens the benchmark.
    const server = await startServer(['serve', '--no-open', '--cachedir', dir], { cwd: dir })
    try {
      const page = await fetch(new URL(rows[0].hrefs[0], server.url))
      expect([page.status, (await page.text()).includes('<h1>odd</h1>')]).toEqual([200, true])
    } finally {
      await server.stop()
    }
  })
})

describe('check --format junit', () => {
  it('is valid Ant JUnit XML: a suite per benchmark, a case per benchmark and per result', async () => {
    const out = join(dir, 'junit.xml')
    const r = await check(...cases, 'odd', '--format', 'junit', '--output', out)
    expect(r.code).toBe(1)
    const lint = Bun.spawnSync(['xmllint', '--noout', '--schema', xsd, out], { stderr: 'pipe' })
    expect(lint.stderr.toString()).toBe(`${out} validates\n`)
    expect(lint.exitCode).toBe(0)
    const xpath = (q: string) => xpathOf(out, q)
    expect(xpath('count(//testsuite)')).toBe('5')
    expect(xpath('count(//testcase)')).toBe('15')
    expect(xpath('string(//testsuite[@name="step"]/@failures)')).toBe('3')
    expect(xpath('string(//testcase[@classname="bench-plot" and @name="step"]/failure/@message)')).toBe('step regressed: time, throughput')
  })

  it('fails a regression with its numbers, skips a young result, passes improved and unchanged ones', async () => {
    const out = join(dir, 'junit-verdicts.xml')
    await check(...cases, '--format', 'junit', '--output', out)
    const xpath = (q: string) => xpathOf(out, q)
    const failure = xpath('string(//testcase[@classname="step" and @name="time"]/failure/@message)')
    const step = resultOf('step')
    expect(failure).toStartWith(`time regressed: ${pct(step.change_percent)} (baseline `)
    expect(failure).toContain(`current ${Number((step.current as number).toPrecision(4))} s`)
    expect(xpath('string(//testcase[@classname="step" and @name="time"]/failure)')).toContain('regressed at n=1000 (+49.9%')
    expect(xpath('string(//testcase[@classname="single" and @name="time"]/skipped/@message)')).toContain('young baseline: 0 earlier runs')
    for (const b of ['improvement', 'noise']) {
      expect(xpath(`count(//testcase[@classname="${b}"])`)).toBe('2')
      expect(xpath(`count(//testcase[@classname="${b}"]/*)`)).toBe('0')
    }
    expect(xpath('string(//testsuite[@name="improvement"]/system-out)')).toContain(`time improved: ${pct(resultOf('improvement').change_percent)}`)
  })
})

describe('check --format github', () => {
  it('annotates a regression as an error, an improvement as a notice, a young result as a warning, and is quiet on unchanged', async () => {
    const r = await check(...cases, '--format', 'github', '--base-url', 'https://ci.example/report')
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    const of = (b: string) => lines.filter((l) => l.includes(`title=bench-plot check%3A ${b}::time `))
    expect(of('step')).toHaveLength(1)
    expect(of('step')[0]).toStartWith(`::error title=bench-plot check%3A step::time regressed: ${pct(resultOf('step').change_percent).replace('%', '%25')} (baseline`)
    expect(of('step')[0]).toContain('%0Aregressed at n=1000 (+49.9%25')
    expect(of('step')[0]).toEndWith('%0Asee https://ci.example/report/b/step')
    expect(of('improvement')[0]).toStartWith('::notice ')
    expect(of('single')[0]).toStartWith('::warning ')
    expect(of('noise')).toEqual([])
    expect(lines.every((l) => /^::(error|warning|notice) title=[^:]*::/.test(l))).toBe(true)
  })

  it('escapes user text so that one result is one annotation line, and says when nothing blocks', async () => {
    const r = await check('odd', 'noise', '--format', 'github')
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toStartWith('::notice title=bench-plot check%3A odd::lat|<img src=x onerror=alert(1)>*em*%0A::error::x,%25 improved: ')
    expect(lines[1]).toStartWith('::notice title=bench-plot check%3A odd::throughput improved: ')
    expect(lines[2]).toBe('::notice title=bench-plot check::no blocking regression in odd, noise')
  })
})

describe('check --output', () => {
  it('writes the format to the file, shows the text verdicts and keeps the exit code as the gate', async () => {
    const out = join(dir, 'summary.md')
    const r = await check('step', 'single', '--format', 'markdown', '--output', out)
    expect(r.code).toBe(1)
    expect(readFileSync(out, 'utf8')).toStartWith('### bench-plot check\n')
    expect(r.stdout).toContain('regressed: step (time, throughput)')
    const ok = await check('noise', '--json', '--output', join(dir, 'noise.json'))
    expect(ok.code).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'noise.json'), 'utf8')).benchmarks[0].results[0].verdict).toBe('unchanged')
  })

  it.each([
    [['--format', 'yaml'], '--format: expected one of text, json, markdown, junit, github, got "yaml"'],
    [['--json', '--format', 'junit'], '--json and --format junit ask for two formats'],
    [['--output', 'no/such/folder/x.xml'], '--output no/such/folder/x.xml: the folder'],
    [['--base-url', 'ftp://x'], '--base-url: expected an http or https URL, got "ftp://x"'],
  ])('%p is a usage error', async (args, message) => {
    const r = await check('step', ...args)
    expect(r.code).toBe(2)
    expect(r.stderr).toStartWith(`bench-plot: ${message}`)
    expect(r.stdout).toBe('')
    expect(existsSync(join(dir, 'no'))).toBe(false)
  })
})
