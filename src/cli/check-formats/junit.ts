import { escapeHtml } from '../../format'
/**
 * `check --format junit`: the Ant JUnit XML that GitLab, Jenkins, Azure and GitHub test reporters read.
 * A suite per benchmark; a test case for the benchmark as a whole and one per result. A blocking
 * regression is a failure carrying its numbers; a young or unjudged result is skipped with the reason.
 * It follows the Ant schema strictly (test/fixtures/junit/JUnit.xsd), so strict readers accept it too.
 */
import type { CheckReport } from '../../model/regression'
import { benchmarkLink, notJudged, pointsSentence, resultSentence, runCell, type Benchmark, type FormatOptions, type Result } from './cells'

type Outcome = { kind: 'pass' } | { kind: 'failure' | 'skipped'; message: string; body?: string }

export function checkJunit(report: CheckReport, opts: FormatOptions = {}): string {
  const suites = report.benchmarks.map((b, i) => suite(b, i, opts))
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>', ...suites, '</testsuites>', ''].join('\n')
}

// --- internal ---

function suite(b: Benchmark, id: number, opts: FormatOptions): string {
  const cases: { name: string; classname: string; outcome: Outcome }[] = [
    { name: b.name, classname: 'bench-plot', outcome: benchmarkOutcome(b) },
    ...b.results.map((r) => ({ name: r.name, classname: b.name, outcome: resultOutcome(r) })),
  ]
  const count = (k: Outcome['kind']) => cases.filter((c) => c.outcome.kind === k).length
  const attrs = {
    name: b.name,
    package: 'bench-plot',
    id: String(id),
    // When the newest run was measured; the schema wants it without a zone (it is UTC).
    timestamp: isoSeconds(b.current.time),
    hostname: 'localhost',
    tests: String(cases.length),
    failures: String(count('failure')),
    errors: '0',
    skipped: String(count('skipped')),
    time: '0',
  }
  const summary = [
    `newest run ${runCell(b.current)}, ${b.runs} run${b.runs === 1 ? '' : 's'} in this history`,
    ...b.input_changes.map((c) => `a new history started: ${c}`),
    ...b.results.map(resultSentence),
  ]
  return [
    `  <testsuite ${attributes(attrs)}>`,
    '    <properties>',
    `      <property ${attributes({ name: 'url', value: benchmarkLink(b.name, opts) })}/>`,
    `      <property ${attributes({ name: 'run', value: runCell(b.current) })}/>`,
    '    </properties>',
    ...cases.map((c) => testcase(c.name, c.classname, c.outcome)),
    `    <system-out>${escape(summary.join('\n'))}</system-out>`,
    '    <system-err></system-err>',
    '  </testsuite>',
  ].join('\n')
}

function benchmarkOutcome(b: Benchmark): Outcome {
  if (b.regressed) {
    const names = b.results.filter((r) => r.blocking).map((r) => r.name)
    return { kind: 'failure', message: `${b.name} regressed: ${names.join(', ')}`, body: b.results.filter((r) => r.blocking).map(resultSentence).join('\n') }
  }
  if (b.results.length === 0) return { kind: 'skipped', message: 'no float or bool result to judge' }
  if (b.results.every((r) => r.verdict === 'young' || notJudged(r))) return { kind: 'skipped', message: b.results.map((r) => `${r.name}: ${r.note ?? r.verdict}`).join('; ') }
  return { kind: 'pass' }
}

function resultOutcome(r: Result): Outcome {
  if (r.blocking) {
    const points = [pointsSentence(r, 'regressed', Number.POSITIVE_INFINITY)].filter((x): x is string => x !== null)
    return { kind: 'failure', message: resultSentence(r), body: [resultSentence(r), ...points].join('\n') }
  }
  if (r.verdict === 'young' || notJudged(r)) return { kind: 'skipped', message: resultSentence(r) }
  return { kind: 'pass' }
}

function testcase(name: string, classname: string, o: Outcome): string {
  const open = `    <testcase ${attributes({ name, classname, time: '0' })}`
  if (o.kind === 'pass') return `${open}/>`
  const child =
    o.kind === 'failure' ? `<failure ${attributes({ type: 'regression', message: o.message })}>${escape(o.body ?? '')}</failure>` : `<skipped ${attributes({ message: o.message })}/>`
  return `${open}>\n      ${child}\n    </testcase>`
}

function attributes(a: Record<string, string>): string {
  return Object.entries(a)
    .map(([k, v]) => `${k}="${escape(v).replace(/\n/g, '&#10;')}"`)
    .join(' ')
}

// XML 1.0 allows no control characters but tab, newline and carriage return: they are dropped.
function escape(s: string): string {
  return escapeHtml(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''))
}

function isoSeconds(iso: string): string {
  const t = Date.parse(iso)
  return (Number.isNaN(t) ? new Date(0) : new Date(t)).toISOString().slice(0, 19)
}
