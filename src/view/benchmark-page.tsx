import { formatInputValue, formatInputs, formatQuantity, formatTime } from '../format'
import { sweepSentence } from '../model/sweep'
import type { Panel } from '../model/panels'
import type { Failure, ResultVar, Run } from '../model/types'
import type { SampleRow } from '../server/samples'
import type { RunHeader } from '../store'
import { escapeHtml } from '../format'
import { benchmarkFrame as frame } from './benchmark-head'
import { Layout } from './layout'
import { staticSamplePages, type Links, type RunState } from './links'
import { renderMarkdown } from './markdown'
import { RunTabs, runChoice, type RunTabsProps } from './run-tabs'

export type SamplesPage = { rows: SampleRow[]; total: number; page: number; pages: number; perPage: number }

export type BenchmarkPageProps = {
  links: Links
  name: string
  /** Every run of the benchmark, oldest first: one tab each. */
  runs: RunHeader[]
  /** The run shown (its tab is selected). */
  run: Run
  /** The page's state, so that tab, pager and chart links keep it. */
  state: RunState
  /** The charts region: an HTML fragment, already safe. */
  charts: string
  samples: SamplesPage
  tabs: Pick<RunTabsProps, 'historyStarts' | 'historyTab'>
  /** Safe HTML after the run's charts: the verdict region of the newest run, or the note that the inputs changed. */
  top?: string
  /** Safe HTML: the verdict in one line above the charts (its details, in `top`, follow them). */
  verdictLine?: string
  /** The comparison with another run (`?vs=`); absent when the benchmark has one run. */
  compare?: RunCompare
  /** Runs of the benchmark the store could not read, left out of the tabs, and why. */
  unreadable?: { id: number; reason: string }[]
  /** The user's own panels shown (the run's and those from code), already drawn into `charts`. */
  panels?: Panel[]
  /** Whether the page follows new runs (a server's `--live`): it loads the live script. */
  live?: boolean
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

/** Characters of a run's title shown on its page; a longer one is cut there and read whole in the run's JSON. */
export const titleShown = 200

/** A benchmark: one tab per run, and the selected run's description, sweep, parameters, failures, charts and samples. */
export function BenchmarkPage(props: BenchmarkPageProps): string {
  const { name, run, links } = props
  const header = props.runs.find((r) => r.id === run.id)
  const executed = (header?.sampleCount ?? props.samples.total) + run.failures.length
  return Layout({
    ...frame(links, name),
    children: (
      <>
        {RunTabs({ links, name, runs: props.runs, selected: run.id as number, charts: props.state.charts, ...props.tabs })}
        {props.unreadable && props.unreadable.length > 0 ? Unreadable({ runs: props.unreadable }) : ''}
        <section class="run" id={`run-${run.id}`}>
          {RunTitle({ links, name, title: run.title })}
          <div class="run-meta">
            <span safe>{`Run ${run.id} · ${formatTime(run.time)}`}</span>
            {run.timeLabel ? <span safe>{run.timeLabel}</span> : ''}
            {run.tag ? <span safe>{`tag ${run.tag}`}</span> : ''}
            {run.commit ? (
              <span class="mono" safe>
                {run.commit.slice(0, 12)}
              </span>
            ) : (
              ''
            )}
            {run.branch ? <span safe>{run.branch}</span> : ''}
          </div>
          {props.verdictLine ?? ''}
          {run.description ? <div class="markdown description">{renderMarkdown(run.description)}</div> : ''}
          {/* The sweep sentence and the folded parameters share a row: the first screen keeps room for the first chart. */}
          <div class="run-facts">
            <p class="sweep" safe>
              {sweepSentence(run)}
            </p>
            {Parameters({ run })}
          </div>
          {Constants({ run })}
          {run.failures.length > 0 ? Failures({ failures: run.failures, executed }) : ''}
          <section class="charts" id="charts">
            {props.charts}
          </section>
          {/* The first screen answers the first question: the sweep's charts first, the verdict's details below them. */}
          {props.top ?? ''}
          {props.compare ? CompareSection({ ...props.compare, links, name, run, state: props.state }) : ''}
          {Samples(props)}
          {run.postDescription ? <div class="markdown post">{renderMarkdown(run.postDescription)}</div> : ''}
        </section>
        {props.live ? <script defer src={links.asset('live.js')} data-benchmark={escapeHtml(name)} data-newest={String(props.runs.reduce((m, r) => Math.max(m, r.id), 0))}></script> : ''}
      </>
    ) as string,
  })
}

// --- internal ---

// A title too long to read at a glance is cut, and says where the whole of it is.
function RunTitle(props: { links: Links; name: string; title: string }): string {
  if (props.title.length <= titleShown) return (<h2 safe>{props.title}</h2>) as string
  return (
    <>
      <h2 safe>{`${props.title.slice(0, titleShown)}…`}</h2>
      <p class="more title-cut">
        The title has {props.title.length.toLocaleString('en-US')} characters; the whole of it is in <a href={escapeHtml(props.links.benchmarkJson(props.name))}>the run's JSON</a>.
      </p>
    </>
  ) as string
}

function Unreadable({ runs }: { runs: { id: number; reason: string }[] }): string {
  return (
    <div class="failures unreadable" role="note">
      <p>
        {runs.length === 1 ? 'One run' : `${runs.length} runs`} of this benchmark could not be read from the store and {runs.length === 1 ? 'is' : 'are'} left out:
      </p>
      <ul>
        {runs.map((r) => (
          <li safe>{`run ${r.id}: ${r.reason}`}</li>
        ))}
      </ul>
    </div>
  ) as string
}

function DataTable(props: { head?: string[]; rows: { cells: string[]; classes?: (string | undefined)[] }[] }): string {
  return (
    <div class="table-wrap">
      <table class="data">
        {props.head ? (
          <thead>
            <tr>
              {props.head.map((h) => (
                <th safe>{h}</th>
              ))}
            </tr>
          </thead>
        ) : (
          ''
        )}
        <tbody>
          {props.rows.map((r) => (
            <tr>
              {r.cells.map((c, i) => (
                <td class={r.classes?.[i]} safe>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  ) as string
}

// What does not vary is not an axis: inputs with one value are stated once here, not drawn.
function Constants({ run }: { run: Run }): string {
  const fixed = run.inputs.filter((v) => v.values.length === 1)
  if (fixed.length === 0) return ''
  const text = fixed.map((v) => `${v.name}=${formatInputValue(v.values[0])}${v.units ? ` ${v.units}` : ''}`).join(', ')
  return (
    <p class="constants" data-constants={escapeHtml(fixed.map((v) => v.name).join(','))}>
      {`Same in every sample: `}
      <span safe>{text}</span>
    </p>
  ) as string
}

function Parameters({ run }: { run: Run }): string {
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
        {run.inputs.length === 0
          ? '<p class="more">none</p>'
          : DataTable({
              head: ['name', 'samples', 'values', 'units', 'doc'],
              rows: run.inputs.map((v) => ({ cells: [v.name, String(v.values.length), v.values.map(String).join(', '), v.units, v.doc], classes: [undefined, 'num', 'values'] })),
            })}
        <h4>Constants</h4>
        {run.consts.length === 0
          ? '<p class="more">none</p>'
          : DataTable({ rows: run.consts.map((c) => ({ cells: [c.name, typeof c.value === 'string' ? c.value : JSON.stringify(c.value)], classes: [undefined, 'values'] })) })}
        <h4>Result variables</h4>
        {DataTable({
          head: ['name', 'kind', 'units', 'direction', 'doc'],
          rows: run.results.map((r) => ({ cells: [r.name, r.kind === 'vec' ? `vec[${r.size}]` : r.kind, r.units, r.direction, r.doc] })),
        })}
        <h4>Run metadata</h4>
        {DataTable({ rows: meta.map(([k, v]) => ({ cells: [k, v], classes: [undefined, 'values'] })) })}
      </div>
    </details>
  ) as string
}

function Failures({ failures, executed }: { failures: Failure[]; executed: number }): string {
  const more = failures.length - failuresShown
  return (
    // Folded, its headline showing: the list of failures would push the first chart off the first screen.
    <div class="failures" role="note">
      <details>
        <summary>
          <h3>
            ⚠ {failures.length} of {executed} samples failed
          </h3>{' '}
          <span class="failures-hint">their cells are left out of every statistic; open for the list</span>
        </summary>
        <p>Their cells are missing from the data and left out of every statistic.</p>
        {DataTable({
          head: ['Inputs', 'Repeat', 'Error'],
          rows: failures.slice(0, failuresShown).map((f) => ({ cells: [formatInputs(f.inputs), String(f.repeat), f.error.split('\n')[0]], classes: [undefined, 'num', 'error'] })),
        })}
        {more > 0 ? <p class="more">and {more} more</p> : ''}
      </details>
    </div>
  ) as string
}

function CompareSection(props: RunCompare & { links: Links; name: string; run: Run; state: RunState }): string {
  const { run, links } = props
  const others = props.candidates.filter((r) => r.id !== run.id)
  const charts = props.state.charts
  // A server takes the choice as a form; a static report links each choice.
  const chooser = links.dynamic ? (
    <form class="compare-form" method="get" action={escapeHtml(links.benchmark(props.name))}>
      <input type="hidden" name="run" value={String(run.id)} />
      {charts && charts.plots.length > 0 ? <input type="hidden" name="plots" value={escapeHtml(charts.plots.join(','))} /> : ''}
      {charts?.logx !== undefined ? <input type="hidden" name="logx" value={charts.logx ? '1' : '0'} /> : ''}
      {charts?.logy !== undefined ? <input type="hidden" name="logy" value={charts.logy ? '1' : '0'} /> : ''}
      <label>
        This run (B) against A:{' '}
        <select name="vs" data-autosubmit="">
          <option value="none" selected={props.vs === null}>
            none
          </option>
          {others.map((r) => (
            <option value={String(r.id)} selected={r.id === props.vs} safe>
              {runChoice(r)}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit">Compare</button>
      {props.vs !== null ? (
        <a class="compare-link" href={escapeHtml(links.compare(props.name, props.vs, run.id as number))}>
          compare page
        </a>
      ) : (
        ''
      )}
    </form>
  ) : (
    <p class="compare-form">
      {props.vs !== null ? (
        <a class="compare-link" href={escapeHtml(links.compare(props.name, props.vs, run.id as number))}>
          compare page
        </a>
      ) : (
        ''
      )}
    </p>
  )
  return (
    <section class="run-compare" id="compare">
      <h3 class="section">Compared with another run</h3>
      {chooser}
      {props.vs === null ? <p class="more">{others.length === 0 ? 'No other run to compare with.' : 'Choose a run to compare this one with.'}</p> : ''}
      {props.vs !== null && props.isDefault ? <p class="more">Against the previous run of this history, by default.</p> : ''}
      {props.html}
    </section>
  ) as string
}

function Samples(props: BenchmarkPageProps): string {
  const { run, samples, links } = props
  // A static report's sample pages are of the run alone: the same samples under each compared run would be pages over again.
  const kept = links.dynamic ? props.state : { charts: props.state.charts }
  const pageHref = (page: number) => escapeHtml(links.benchmark(props.name, { ...kept, run: run.id as number, page, anchor: 'samples' }))
  const first = (samples.page - 1) * samples.perPage + 1
  const last = first + samples.rows.length - 1
  const step = (ok: boolean, page: number, label: string) => (ok ? <a href={pageHref(page)}>{label}</a> : <span class="disabled">{label}</span>)
  // A static report holds the first pages only (a million samples are ten thousand pages); samples.csv holds them all.
  const pages = links.dynamic ? samples.pages : Math.min(samples.pages, staticSamplePages)
  // Two pagers (above and below the table): landmarks with one name each.
  const pager = (where: string) =>
    pages > 1 ? (
      <nav class="pager" aria-label={`Sample pages, ${where}`}>
        {step(samples.page > 1, 1, '« first')}
        {step(samples.page > 1, samples.page - 1, '‹ previous')}
        <span class="current">
          page {samples.page} of {samples.pages}
        </span>
        {step(samples.page < pages, samples.page + 1, 'next ›')}
        {step(samples.page < pages, pages, links.dynamic ? 'last »' : `page ${pages} »`)}
        {pages < samples.pages ? <span class="more">{`this report holds the first ${pages} pages; samples.csv holds every sample`}</span> : ''}
      </nav>
    ) : (
      ''
    )
  const numeric = (kind: string) => kind === 'int' || kind === 'float' || kind === 'vec'
  return (
    <section class="samples" id="samples">
      <div class="samples-head">
        <h3 class="section">Samples</h3>
        <span class="downloads">
          <a href={escapeHtml(links.samples(props.name, run.id as number, 'csv'))} download="">
            samples.csv
          </a>
          {/* A static report holds the CSV only: the same samples as JSON are three times its bytes. */}
          {links.dynamic ? <a href={escapeHtml(links.samples(props.name, run.id as number, 'json'))}>samples.json</a> : ''}
        </span>
      </div>
      {samples.total === 0 ? (
        <p class="more">No samples recorded.</p>
      ) : (
        <>
          <p class="more">{samples.total === samples.rows.length ? `${samples.total} samples` : `samples ${first}-${last} of ${samples.total}`}</p>
          {pager('above the table')}
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  {run.inputs.map((v) => (
                    <th class={numeric(v.kind) ? 'num' : undefined} safe>
                      {v.units ? `${v.name} (${v.units})` : v.name}
                    </th>
                  ))}
                  <th class="num">repeat</th>
                  {run.results.map((r) => (
                    <th class={r.kind === 'float' || r.kind === 'vec' ? 'num' : undefined} safe>
                      {r.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {samples.rows.map((s) => (
                  <tr>
                    {run.inputs.map((v) => (
                      <td class={typeof s.inputs[v.name] === 'number' ? 'num' : undefined} safe>
                        {String(s.inputs[v.name])}
                      </td>
                    ))}
                    <td class="num">{s.repeat}</td>
                    {run.results.map((r) => Cell({ result: r, value: s.results[r.name], links }))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pager('below the table')}
        </>
      )}
    </section>
  ) as string
}

function Cell({ result, value, links }: { result: ResultVar; value: SampleRow['results'][string] | undefined; links: Links }): string {
  if (value === undefined || value === null) return '<td class="missing">–</td>'
  if (typeof value === 'number')
    return (
      <td class="num" safe>
        {formatQuantity(value, result.units)}
      </td>
    ) as string
  if (Array.isArray(value))
    return (
      <td class="num" safe>
        {value.map((x) => formatQuantity(x, result.units)).join(', ')}
      </td>
    ) as string
  if (typeof value === 'boolean') return `<td>${value ? 'true' : 'false'}</td>`
  if (result.kind === 'string') return (<td safe>{value}</td>) as string
  const href = result.kind === 'rerun' ? links.recording(value) : links.media(value)
  return (
    <td>
      <a href={escapeHtml(href)} safe>
        {value}
      </a>
    </td>
  ) as string
}
