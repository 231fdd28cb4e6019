import { Html } from '@elysiajs/html'
import { sweepSentence } from '../../model/sweep'
import type { Failure, InputValue, ResultVar, Run } from '../../model/types'
import type { RunHeader } from '../../store'
import { renderMarkdown } from '../markdown'
import type { SampleRow } from '../samples'
import { attr, benchmarkApiPath, benchmarkPath, comparePath, formatTime, samplesPath, tabLabel, withQuery } from './links'
import { Layout, layoutHead, toHtml, type LayoutProps } from './layout'
import { RunTabs, type RunTabsProps } from './run-tabs'

export type SamplesPage = { rows: SampleRow[]; total: number; page: number; pages: number; perPage: number }

export type BenchmarkPageProps = {
  name: string
  /** Every run of the benchmark, oldest first: one tab each. */
  runs: RunHeader[]
  /** The run shown (its tab is selected). */
  run: Run
  /** The request's query, so that tab and pager links keep ?plots=, ?logx= and the rest. */
  query: Record<string, string | undefined>
  /** The charts region: an HTML fragment, already safe. */
  charts: string
  samples: SamplesPage
  tabs: Pick<RunTabsProps, 'historyStarts' | 'historyTab'>
  /** Safe HTML opening the run: the verdict region of the newest run, or the note that the inputs changed. */
  top?: string
  /** The comparison with another run (`?vs=`); absent when the benchmark has one run. */
  compare?: RunCompare
}

/** The `?vs=` comparison of a run page. */
export type RunCompare = {
  /** The runs it may be compared with, oldest first. */
  candidates: RunHeader[]
  /** The run compared with (A), or null for none. */
  vs: number | null
  /** Whether `vs` is the default (the previous run of the same history). */
  isDefault: boolean
  /** Safe HTML: the per-result comparison and per-point tables. */
  html: string
}

/** How many failed samples are listed before "and K more". */
export const failuresShown = 20

/** A benchmark: one tab per run, and the selected run's description, sweep, parameters, failures, charts and samples. */
export function BenchmarkPage(props: BenchmarkPageProps): string {
  const { name, run } = props
  const path = benchmarkPath(name)
  const header = props.runs.find((r) => r.id === run.id)
  const executed = (header?.sampleCount ?? props.samples.total) + run.failures.length
  return toHtml(
    <Layout {...frame(name)}>
      <RunTabs name={name} runs={props.runs} selected={run.id as number} query={props.query} historyStarts={props.tabs.historyStarts} historyTab={props.tabs.historyTab} />
      <section class="run" id={`run-${run.id}`}>
        <h2>{Html.escapeHtml(run.title)}</h2>
        <div class="run-meta">
          <span>
            Run {run.id} · {Html.escapeHtml(formatTime(run.time))}
          </span>
          {run.timeLabel ? <span>{Html.escapeHtml(run.timeLabel)}</span> : ''}
          {run.tag ? <span>tag {Html.escapeHtml(run.tag)}</span> : ''}
          {run.commit ? <span class="mono">{Html.escapeHtml(run.commit.slice(0, 12))}</span> : ''}
          {run.branch ? <span>{Html.escapeHtml(run.branch)}</span> : ''}
        </div>
        {props.top ?? ''}
        {run.description ? <div class="markdown description">{renderMarkdown(run.description)}</div> : ''}
        <p class="sweep">{Html.escapeHtml(sweepSentence(run))}</p>
        <Parameters run={run} />
        {run.failures.length > 0 ? <Failures failures={run.failures} executed={executed} /> : ''}
        <section class="charts" id="charts">
          {props.charts}
        </section>
        {props.compare ? <CompareSection name={name} run={run} query={props.query} {...props.compare} /> : ''}
        <Samples {...props} path={path} />
        {run.postDescription ? <div class="markdown post">{renderMarkdown(run.postDescription)}</div> : ''}
      </section>
    </Layout>
  )
}

/** The head of a benchmark's page, the same for every run: sent before the page is drawn. */
export function benchmarkPageHead(name: string): string {
  return layoutHead(frame(name))
}

// --- internal ---

function frame(name: string): Omit<LayoutProps, 'children'> {
  return {
    title: name,
    charts: true,
    nav: [
      { href: '/', label: 'All benchmarks' },
      { href: benchmarkApiPath(name), label: 'JSON' },
    ],
  }
}

function Parameters({ run }: { run: Run }): JSX.Element {
  const meta: [string, string][] = [
    ['time', run.time],
    ['time label', run.timeLabel ?? ''],
    ['tag', run.tag],
    ['commit', run.commit ?? ''],
    ['branch', run.branch ?? ''],
    ['repeats', String(run.repeats)],
    ...Object.entries(run.meta).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  ]
  return (
    <details class="params">
      <summary>Full data collection parameters</summary>
      <div class="body">
        <h4>Input variables</h4>
        {run.inputs.length === 0 ? (
          <p class="more">none</p>
        ) : (
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th>name</th>
                  <th>samples</th>
                  <th>values</th>
                  <th>units</th>
                  <th>doc</th>
                </tr>
              </thead>
              <tbody>
                {run.inputs.map((v) => (
                  <tr>
                    <td>{Html.escapeHtml(v.name)}</td>
                    <td class="num">{v.values.length}</td>
                    <td class="values">{Html.escapeHtml(v.values.map(String).join(', '))}</td>
                    <td>{Html.escapeHtml(v.units)}</td>
                    <td>{Html.escapeHtml(v.doc)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h4>Constants</h4>
        {run.consts.length === 0 ? (
          <p class="more">none</p>
        ) : (
          <div class="table-wrap">
            <table class="data">
              <tbody>
                {run.consts.map((c) => (
                  <tr>
                    <td>{Html.escapeHtml(c.name)}</td>
                    <td class="values">{Html.escapeHtml(typeof c.value === 'string' ? c.value : JSON.stringify(c.value))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h4>Result variables</h4>
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th>name</th>
                <th>kind</th>
                <th>units</th>
                <th>direction</th>
                <th>doc</th>
              </tr>
            </thead>
            <tbody>
              {run.results.map((r) => (
                <tr>
                  <td>{Html.escapeHtml(r.name)}</td>
                  <td>{Html.escapeHtml(r.kind === 'vec' ? `vec[${r.size}]` : r.kind)}</td>
                  <td>{Html.escapeHtml(r.units)}</td>
                  <td>{Html.escapeHtml(r.direction)}</td>
                  <td>{Html.escapeHtml(r.doc)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h4>Run metadata</h4>
        <div class="table-wrap">
          <table class="data">
            <tbody>
              {meta.map(([k, v]) => (
                <tr>
                  <td>{Html.escapeHtml(k)}</td>
                  <td class="values">{Html.escapeHtml(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </details>
  )
}

function Failures({ failures, executed }: { failures: Failure[]; executed: number }): JSX.Element {
  const more = failures.length - failuresShown
  return (
    <div class="failures" role="note">
      <h3>
        ⚠ {failures.length} of {executed} samples failed
      </h3>
      <p>Their cells are missing from the data and left out of every statistic.</p>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th>Inputs</th>
              <th>Repeat</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {failures.slice(0, failuresShown).map((f) => (
              <tr>
                <td>{Html.escapeHtml(formatInputs(f.inputs))}</td>
                <td class="num">{f.repeat}</td>
                <td class="error">{Html.escapeHtml(f.error.split('\n')[0])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p class="more">and {more} more</p> : ''}
    </div>
  )
}

function CompareSection(props: RunCompare & { name: string; run: Run; query: Record<string, string | undefined> }): JSX.Element {
  const { run } = props
  const keep = Object.entries(props.query).filter(([k]) => ['plots', 'logx', 'logy'].includes(k)) as [string, string][]
  const others = props.candidates.filter((r) => r.id !== run.id)
  return (
    <section class="run-compare" id="compare">
      <h3 class="section">Compared with another run</h3>
      <form class="compare-form" method="get" action={benchmarkPath(props.name)}>
        <input type="hidden" name="run" value={String(run.id)} />
        {keep.map(([k, v]) => (
          <input type="hidden" name={attr(k)} value={attr(v)} />
        ))}
        <label>
          This run (B) against A:{' '}
          <select name="vs" data-autosubmit="">
            <option value="none" selected={props.vs === null}>
              none
            </option>
            {others.map((r) => {
              const l = tabLabel(r.title, r.timeLabel, r.time)
              return (
                <option value={String(r.id)} selected={r.id === props.vs}>
                  {Html.escapeHtml(`#${r.id} ${l.title} (${l.when})`)}
                </option>
              )
            })}
          </select>
        </label>{' '}
        <button type="submit">Compare</button>
        {props.vs !== null ? (
          <a class="compare-link" href={comparePath(props.name, props.vs, run.id as number)}>
            compare page
          </a>
        ) : (
          ''
        )}
      </form>
      {props.vs === null ? <p class="more">{others.length === 0 ? 'No other run to compare with.' : 'Choose a run to compare this one with.'}</p> : ''}
      {props.vs !== null && props.isDefault ? <p class="more">Against the previous run of this history, by default.</p> : ''}
      {props.html}
    </section>
  )
}

function Samples(props: BenchmarkPageProps & { path: string }): JSX.Element {
  const { run, samples } = props
  const pageHref = (page: number) => `${withQuery(props.path, props.query, { run: String(run.id), page: page === 1 ? undefined : String(page) })}#samples`
  const first = (samples.page - 1) * samples.perPage + 1
  const last = first + samples.rows.length - 1
  const pager =
    samples.pages > 1 ? (
      <nav class="pager" aria-label="Sample pages">
        {samples.page > 1 ? <a href={pageHref(1)}>« first</a> : <span class="disabled">« first</span>}
        {samples.page > 1 ? <a href={pageHref(samples.page - 1)}>‹ previous</a> : <span class="disabled">‹ previous</span>}
        <span class="current">
          page {samples.page} of {samples.pages}
        </span>
        {samples.page < samples.pages ? <a href={pageHref(samples.page + 1)}>next ›</a> : <span class="disabled">next ›</span>}
        {samples.page < samples.pages ? <a href={pageHref(samples.pages)}>last »</a> : <span class="disabled">last »</span>}
      </nav>
    ) : (
      ''
    )
  return (
    <section class="samples" id="samples">
      <div class="samples-head">
        <h3 class="section">Samples</h3>
        <span class="downloads">
          <a href={samplesPath(props.name, run.id as number, 'csv')} download="">
            samples.csv
          </a>
          <a href={samplesPath(props.name, run.id as number, 'json')}>samples.json</a>
        </span>
      </div>
      {samples.total === 0 ? (
        <p class="more">No samples recorded.</p>
      ) : (
        <>
          <p class="more">
            {samples.total === samples.rows.length ? `${samples.total} samples` : `samples ${first}-${last} of ${samples.total}`}
          </p>
          {pager}
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  {run.inputs.map((v) => (
                    <th class={v.kind === 'int' || v.kind === 'float' ? 'num' : undefined}>{Html.escapeHtml(v.units ? `${v.name} (${v.units})` : v.name)}</th>
                  ))}
                  <th class="num">repeat</th>
                  {run.results.map((r) => (
                    <th class={r.kind === 'float' || r.kind === 'vec' ? 'num' : undefined}>{Html.escapeHtml(r.units ? `${r.name} (${r.units})` : r.name)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {samples.rows.map((s) => (
                  <tr>
                    {run.inputs.map((v) => (
                      <td class={typeof s.inputs[v.name] === 'number' ? 'num' : undefined}>{Html.escapeHtml(String(s.inputs[v.name]))}</td>
                    ))}
                    <td class="num">{s.repeat}</td>
                    {run.results.map((r) => (
                      <Cell result={r} value={s.results[r.name]} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pager}
        </>
      )}
    </section>
  )
}

function Cell({ result, value }: { result: ResultVar; value: SampleRow['results'][string] | undefined }): JSX.Element {
  if (value === undefined || value === null) return <td class="missing">–</td>
  if (typeof value === 'number') return <td class="num">{formatNumber(value)}</td>
  if (Array.isArray(value)) return <td class="num">{Html.escapeHtml(value.map(formatNumber).join(', '))}</td>
  if (typeof value === 'boolean') return <td>{value ? 'true' : 'false'}</td>
  if (result.kind === 'string') return <td>{Html.escapeHtml(value)}</td>
  const href = mediaHref(result.kind, value)
  return (
    <td>
      <a href={href}>{Html.escapeHtml(value)}</a>
    </td>
  )
}

/** Where a media cell (a path relative to cachedir) is served. Recordings under rrd/ go through /rrd_static/. */
export function mediaHref(kind: ResultVar['kind'], relPath: string): string {
  const encoded = relPath.split('/').map(encodeURIComponent).join('/')
  if (kind === 'rerun' && relPath.startsWith('rrd/')) return `/rrd_static/${encoded.slice('rrd/'.length)}`
  return `/media/${encoded}`
}

function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x)
  const a = Math.abs(x)
  if (a !== 0 && (a < 1e-3 || a >= 1e9)) return x.toExponential(4)
  return String(Number(x.toPrecision(6)))
}

function formatInputs(inputs: Record<string, InputValue>): string {
  return Object.entries(inputs)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ')
}

