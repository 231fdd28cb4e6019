import { Html } from '@elysiajs/html'
import type { BenchmarkSummary } from '../../model/types'
import { benchmarkPath, formatTime } from './links'
import { Layout, toHtml } from './layout'

/** Every stored benchmark, newest run first in each card. */
export function IndexPage(props: { benchmarks: BenchmarkSummary[]; location: string }): string {
  return toHtml(
    <Layout title="bench-plot: benchmarks" heading="Benchmarks" nav={[{ href: '/api/benchmarks', label: 'JSON' }]}>
      {props.benchmarks.length === 0 ? (
        <p class="empty">
          No benchmarks in <code>{Html.escapeHtml(props.location)}</code> yet. Record results with <code>bench-plot import FILE</code>.
        </p>
      ) : (
        <ul class="benchmarks">
          {props.benchmarks.map((b) => (
            <li>
              <a href={benchmarkPath(b.name)}>
                <div class="name">{Html.escapeHtml(b.name)}</div>
                <div>{Html.escapeHtml(b.title)}</div>
                <div class="sub">
                  {b.runs} run{b.runs === 1 ? '' : 's'}, latest {Html.escapeHtml(formatTime(b.latest))}
                </div>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}
