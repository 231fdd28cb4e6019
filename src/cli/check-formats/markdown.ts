/** `check --format markdown`: a pull-request comment or `$GITHUB_STEP_SUMMARY` (GitHub-flavoured markdown). */
import type { CheckReport } from '../../model/regression'
import { benchmarkLink, changeCell, notJudged, pointsSentence, thresholdCell, valueCell, type FormatOptions, type Result } from './cells'

const verdictLabel: Record<Result['verdict'], string> = {
  regressed: '🔴 **regressed**',
  improved: '🟢 improved',
  unchanged: '⚪ unchanged',
  young: '🟡 young',
}

/** A heading, one line saying whether anything blocks, a table row per result, then the notes and the points that moved. */
export function checkMarkdown(report: CheckReport, opts: FormatOptions = {}): string {
  const blocking = report.benchmarks.filter((b) => b.regressed)
  const lines = [
    '### bench-plot check',
    '',
    blocking.length === 0
      ? `No blocking regression in ${report.benchmarks.length} benchmark${report.benchmarks.length === 1 ? '' : 's'}.`
      : `**${blocking.length} benchmark${blocking.length === 1 ? '' : 's'} regressed:** ${blocking
          .map((b) => `${text(b.name)} (${b.results.filter((r) => r.blocking).map((r) => text(r.name)).join(', ')})`)
          .join('; ')}`,
    '',
    '| Benchmark | Result | Verdict | Change | Baseline | Current | Threshold |',
    '|---|---|---|--:|--:|--:|---|',
  ]
  const notes: string[] = []
  for (const b of report.benchmarks) {
    const link = `[${text(b.name)}](<${benchmarkLink(b.name, opts)}>)`
    if (b.results.length === 0) lines.push(`| ${link} | — | no float or bool result to judge | — | — | — | — |`)
    for (const r of b.results) {
      const verdict = notJudged(r) ? '⚪ not judged' : verdictLabel[r.verdict]
      lines.push(`| ${link} | ${text(r.name)} | ${verdict} | ${changeCell(r)} | ${text(valueCell(r.baseline, r.units))} | ${text(valueCell(r.current, r.units))} | ${text(thresholdCell(r))} |`)
      const details = [r.note, pointsSentence(r, 'regressed'), pointsSentence(r, 'improved')].filter((x): x is string => x !== null)
      for (const d of details) notes.push(`- ${text(b.name)} / ${text(r.name)}: ${text(d)}`)
    }
    if (b.input_changes.length > 0) notes.push(`- ${text(b.name)}: a new history started: ${text(b.input_changes.join('; '))}`)
  }
  if (notes.length > 0) lines.push('', ...notes)
  return `${lines.join('\n')}\n`
}

// --- internal ---

/**
 * User text (benchmark and result names, units, input values) as literal markdown: one line, and a
 * backslash before every character that could start emphasis, code, a link or autolink (`:`), a tag,
 * an entity or a table cell. Text here never starts a line, so list and heading markers are harmless.
 */
function text(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]<>()#!|~&:]/g, '\\$&')
}
