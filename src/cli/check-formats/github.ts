/**
 * `check --format github`: workflow commands GitHub Actions turns into annotations on the run and the
 * pull request. `::error` for a blocking regression, `::warning` for a result that is young or could not
 * be judged, `::notice` for an improvement and, when nothing blocks, for the summary; unchanged results stay quiet.
 */
import type { CheckReport } from '../../model/regression'
import { benchmarkLink, notJudged, pointsSentence, resultSentence, type FormatOptions } from './cells'

export function checkGithub(report: CheckReport, opts: FormatOptions = {}): string {
  const lines: string[] = []
  for (const b of report.benchmarks) {
    const title = `bench-plot check: ${b.name}`
    // A relative link means nothing in an annotation: only with --base-url.
    const link = opts.baseUrl === undefined ? null : `see ${benchmarkLink(b.name, opts)}`
    for (const r of b.results) {
      if (r.blocking) lines.push(command('error', title, [resultSentence(r), pointsSentence(r, 'regressed'), link]))
      else if (r.verdict === 'improved') lines.push(command('notice', title, [resultSentence(r), pointsSentence(r, 'improved'), link]))
      else if (r.verdict === 'young' || notJudged(r)) lines.push(command('warning', title, [resultSentence(r), link]))
    }
    if (b.results.length === 0) lines.push(command('warning', title, ['no float or bool result to judge']))
  }
  if (!report.benchmarks.some((b) => b.regressed)) {
    lines.push(command('notice', 'bench-plot check', [`no blocking regression in ${report.benchmarks.map((b) => b.name).join(', ')}`]))
  }
  return `${lines.join('\n')}\n`
}

// --- internal ---

// Escaping as the Actions runner's toolkit does (@actions/core): the message part, then properties, which also escape `:` and `,`.
function command(kind: 'error' | 'warning' | 'notice', title: string, message: (string | null)[]): string {
  const data = message.filter((x): x is string => x !== null).join('\n')
  return `::${kind} title=${escapeProperty(title)}::${escapeData(data)}`
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
