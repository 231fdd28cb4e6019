import type { BenchmarkVerdict } from '../model/regression'
import { verdictHeadline } from './regression'

/**
 * The verdict in one line at the top of the newest run, linking to its details below the charts:
 * the first screen shows the sweep's charts and still says whether the run regressed (issue 14).
 */
export function VerdictLine({ verdict: v }: { verdict: BenchmarkVerdict }): string {
  return (
    <p class="verdict-line" data-verdict={v.regressed ? 'regressed' : 'ok'}>
      <strong safe>{verdictHeadline(v)}</strong> · <a href="#verdict">verdict details below the charts</a>
    </p>
  ) as string
}
