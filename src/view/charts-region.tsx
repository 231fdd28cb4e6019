import { axisTitle, formatInputValue, formatQuantity } from '../format'
import { sweepSignature, type SweepSignature } from '../model/signature'
import type { RecordingCheck } from '../model/rerun-recording'
import type { ResultVar, Run } from '../model/types'
import {
  chooseCharts,
  componentName,
  findOptimum,
  kindLabel,
  namedPlots,
  numericView,
  renderSvg,
  statsTable,
  toEChartsOption,
  valueTable,
  varyingSignature,
  whyNotPlot,
  type BuiltChart,
  type ChartOverlay,
  type ChartPanel,
  type ChartRequest,
  type ChartSpec,
} from '../plots'
import { escapeHtml } from '../format'
import { ChartFigure, dataAttributes, placeholderBody } from './figure'
import type { Links, PartState, RunState } from './links'
import { RerunViewer, type RerunRecordingItem } from './rerun-viewer'

/** Which files of a run exist under cachedir (a missing one reads "missing: <path>"). */
export type MediaCheck = (relPath: string) => boolean

/** What the server found in a rerun recording: a bad one says why beside its link and in the viewer. */
export type RecordingCheckOf = (relPath: string) => RecordingCheck

export type ChartsRegionProps = {
  name: string
  run: Run
  req: ChartRequest
  links: Links
  exists: MediaCheck
  /** Recordings' checks; without them a recording is a link and the viewer trusts it. */
  recordings?: RecordingCheckOf
  /** The page's state that the chart controls' links keep (the run tab, the compared run). */
  state?: RunState
  /** Another run of the same inputs drawn dashed over line and curve charts. */
  overlay?: ChartOverlay
  /**
   * Figures drawn as SVG on the server, in page order; later figures carry only their option and a
   * later chart is a placeholder the browser fills as it scrolls near. @default every figure
   */
  eagerFigures?: number
  /** The compared run's id, for the URLs of lazy charts and figures. */
  vs?: number | null
  /** Safe HTML shown at the end of a result's section (the user's panels placed beside it, src/view/panels.tsx). */
  beside?: (result: string) => string
  /** Called once the first figure is drawn on the server (a big run's page gives memory back there). */
  afterFirstFigure?: () => void
}

/**
 * The charts region of a run page, plus the run's one-line signature and how many of `eagerFigures`
 * it left undrawn. Charts are SVG drawn on the server; each carries its ECharts option as JSON for
 * hydration by `/assets/charts.js`.
 */
export function chartsRegion(props: ChartsRegionProps): { html: string; signature: string; eagerLeft: number } {
  const part: PartState = { run: props.run.id ?? 0, vs: props.vs ?? null, charts: props.req }
  const lazy = props.eagerFigures !== undefined
  let eager = props.eagerFigures ?? Number.POSITIVE_INFINITY
  let drewOne = false
  const later = lazyFigures(props.links, props.name, part)
  const draw: DrawFigure = (id, panel, built) => {
    if (eager > 0 || !lazy) {
      eager--
      const svg = serverSvg(id, panel, built)
      if (!drewOne) {
        drewOne = true
        props.afterFirstFigure?.()
      }
      return svg
    }
    return later(id, panel, built)
  }
  // Once every eager figure is drawn, the charts left are placeholders: nothing of them is built now.
  const defer = lazy ? (chart: string, spec: ChartSpec) => (eager > 0 ? null : LazyChart({ links: props.links, name: props.name, id: chart, part, spec })) : undefined
  const region = walkCharts(props, draw, defer)
  // What is left of the server's figures goes to what follows the charts (the verdict's).
  return { ...region, eagerLeft: Math.max(0, eager) }
}

/**
 * One chart of `chartsRegion` alone (same run, request and overlay), by the id its placeholder
 * names (`r<run>s<chart>`): its figures, drawn as SVG, and its notes. Null when
 * there is no such chart. What a placeholder's URL serves.
 */
export function chartAlone(props: Omit<ChartsRegionProps, 'eagerFigures' | 'state' | 'exists'> & { id: string }): string | null {
  const chart = chartById(props.run, props.req, props.id)
  if (!chart || chart.panel !== null) return null
  try {
    // Drawn as SVG here, like the page's first figures: the browser shows them as they arrive, without ECharts.
    return renderBuilt(toEChartsOption(chart.spec, props.run, props.req, props.overlay), props.id, serverSvg)
  } catch (err) {
    return errorBox(chart.spec, err)
  }
}

/** The server-drawn SVG of one figure of `chartsRegion`, by the id the page gave it; null when there is no such figure. */
export function figureSvg(run: Run, req: ChartRequest, id: string, overlay?: ChartOverlay): string | null {
  // The id names the chart and its panel, so only that chart is built.
  const chart = chartById(run, req, id)
  if (!chart || chart.panel === null) return null
  const built = toEChartsOption(chart.spec, run, req, overlay)
  const panel = built.panels[chart.panel]
  return panel ? serverSvg(id, panel, built).body : null
}

// --- internal ---

// The chart an id names (`r<run>s<chart>`, or `r<run>s<chart>p<panel>` for one of its figures); null for none or a table.
function chartById(run: Run, req: ChartRequest, id: string): { spec: ChartSpec; panel: number | null } | null {
  const at = id.match(/^r(\d+)s(\d+)(?:p(\d+))?$/)
  if (!at || Number(at[1]) !== (run.id ?? 0)) return null
  const spec = chooseCharts(sweepSignature(run), req).specs[Number(at[2])]
  if (!spec || spec.kind === 'table') return null
  return { spec, panel: at[3] === undefined ? null : Number(at[3]) }
}

/** What goes inside a figure's `.bp-svg` holder: its SVG, or a placeholder the browser draws over. */
type DrawFigure = (id: string, panel: ChartPanel, built: BuiltChart) => { body: string; lazyUrl?: string }

// The server's SVG of a figure, its element ids prefixed with the figure's id.
const serverSvg: DrawFigure = (id, panel, built) => ({ body: renderSvg(panel.option, { width: built.width, height: built.height }, id) })

// The charts region in page order. A figure's id is `r<run>s<chart>p<panel>`: `figureSvg` builds that chart alone.
function walkCharts(props: ChartsRegionProps, draw: DrawFigure, defer?: (chart: string, spec: ChartSpec) => string | null): { html: string; signature: string } {
  const { run, req } = props
  const sig = sweepSignature(run)
  const { specs, notices } = chooseCharts(sig, req)
  // A static report holds the automatic charts only: its live charts zoom, but other chart options would be pages it lacks.
  const out: string[] = ['<section class="bp-charts">', props.links.dynamic ? ChartControls({ links: props.links, name: props.name, req, state: props.state ?? {}, sig }) : '']
  for (const n of notices) out.push((<p class="bp-notice" role="status" safe>{n.reason}</p>) as string)
  let drawn = 0
  const prefix = `r${run.id ?? 0}`
  for (const result of run.results) {
    const mine = specs.filter((s) => s.result === result.name)
    const beside = props.beside?.(result.name) ?? ''
    if (mine.length === 0 && beside === '') continue
    out.push(`<section class="bp-result" data-result-section="${escapeHtml(result.name)}">`, ResultHeading({ run, result }))
    for (const spec of mine) {
      try {
        const chart = `${prefix}s${specs.indexOf(spec)}`
        if (spec.kind === 'table') out.push(ResultTable({ run, result, spec, links: props.links, exists: props.exists, recordings: props.recordings }))
        else out.push(defer?.(chart, spec) ?? renderBuilt(toEChartsOption(spec, run, req, props.overlay), chart, draw))
        drawn++
      } catch (err) {
        out.push(errorBox(spec, err))
      }
    }
    if (beside) out.push(beside)
    out.push('</section>')
  }
  if (drawn === 0) out.push((<p class="bp-nothing" role="status" safe>{`No plot represents these results (${sig.text}).`}</p>) as string)
  out.push('</section>')
  return { html: out.join('\n'), signature: sig.text }
}

// Figures the browser draws: a box of the chart's size until it does; without JavaScript, the server's SVG as an image.
function lazyFigures(links: Links, name: string, part: PartState): DrawFigure {
  return (id, panel, built) => {
    const url = links.figure(name, id, part)
    return { body: placeholderBody(url, built, `${built.title}${panel.facet ? ` (${panel.facet})` : ''}`), lazyUrl: url }
  }
}

// A chart not built yet: the browser fetches its figures when it scrolls near; without JavaScript a frame shows them.
function LazyChart(props: { links: Links; name: string; id: string; part: PartState; spec: ChartSpec }): string {
  const { spec } = props
  const what = `${spec.kind} chart of ${spec.result}${spec.component === undefined ? '' : `_${componentName(spec.component)}`}`
  return (
    <div class="bp-lazy-chart" data-kind={escapeHtml(spec.kind)} data-result={escapeHtml(spec.result)} data-chart-url={escapeHtml(props.links.chart(props.name, props.id, props.part))}>
      <noscript>
        <iframe class="bp-lazy-frame" src={escapeHtml(props.links.chart(props.name, props.id, props.part, true))} title={escapeHtml(what)} loading="lazy"></iframe>
      </noscript>
    </div>
  ) as string
}

function ChartControls(props: { links: Links; name: string; req: ChartRequest; state: RunState; sig: SweepSignature }): string {
  const { req, sig } = props
  // Links keep the page's other state, so a chart option on an older run's tab stays on that tab.
  const href = (charts: ChartRequest) => props.links.benchmark(props.name, { ...props.state, charts })
  const toggle = (plot: string) => {
    const on = req.plots.includes(plot)
    const why = on ? null : whyNotPlot(sig, plot)
    if (why) return Disabled({ label: kindLabel(plot), reason: why, key: `plot-${plot}` })
    return Toggle({ href: href({ ...req, plots: on ? req.plots.filter((p) => p !== plot) : [...req.plots, plot] }), label: kindLabel(plot), on, key: `plot-${plot}` })
  }
  // A log scale is automatic, on or off; the state in force is marked. log x only where an x axis is numeric.
  const varying = varyingSignature(sig)
  const scale = (axis: 'logx' | 'logy', label: string) => {
    const state = req[axis]
    const choice = (value: boolean | undefined, text: string) => {
      const next: ChartRequest = { ...req }
      if (value === undefined) delete next[axis]
      else next[axis] = value
      const current = state === value
      return (
        <a class={`bp-toggle${current ? ' bp-on' : ''}`} data-control={`${axis}-${text}`} aria-current={current ? 'true' : undefined} href={escapeHtml(href(next))} safe>
          {text}
        </a>
      ) as string
    }
    return `<span class="bp-scale" data-scale="${axis}">${label}: ${choice(undefined, 'auto')} ${choice(true, 'on')} ${choice(false, 'off')}</span>`
  }
  const logX = varying.floatInputs.length > 0 ? scale('logx', 'log x') : Disabled({ label: 'log x', reason: 'no input of this run varies over numbers', key: 'logx' })
  const reset = req.plots.length || req.logx !== undefined || req.logy !== undefined
  return (
    <nav class="bp-controls" aria-label="Chart options">
      <span>Also draw:</span> {namedPlots.map(toggle).join(' ')} <span class="bp-sep">Axes:</span> {logX} {scale('logy', 'log y')}
      {reset ? (
        <>
          {' '}
          <a class="bp-reset" href={escapeHtml(href({ plots: [] }))}>
            automatic charts only
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
  ) as string
}

function Toggle(props: { href: string; label: string; on: boolean; key: string }): string {
  // The state is in the text (✓) and the class: aria-pressed belongs to buttons, not links.
  return (
    <a class={`bp-toggle${props.on ? ' bp-on' : ''}`} data-control={escapeHtml(props.key)} href={escapeHtml(props.href)} safe>
      {`${props.on ? '✓ ' : ''}${props.label}`}
    </a>
  ) as string
}

// A control that does not apply to this run: shown, not a link, with the reason.
function Disabled(props: { label: string; reason: string; key: string }): string {
  return (
    <span class="bp-toggle bp-disabled" data-control={escapeHtml(props.key)} data-disabled={escapeHtml(props.reason)} title={escapeHtml(props.reason)} safe>
      {props.label}
    </span>
  ) as string
}

function ResultHeading({ run, result }: { run: Run; result: ResultVar }): string {
  const dir = result.direction === 'minimize' ? 'lower is better' : result.direction === 'maximize' ? 'higher is better' : ''
  const parts = [
    (
      <h3 class="bp-result-title">
        {escapeHtml(axisTitle(result.name, result.units))}
        {dir ? (
          <>
            {' '}
            <small class="bp-direction">{dir}</small>
          </>
        ) : (
          ''
        )}
      </h3>
    ) as string,
  ]
  // The heading and the result's doc share a line (they wrap when long): room on the first screen for the first chart.
  if (result.doc) parts[0] = `<div class="bp-result-head">${parts[0]}${(<p class="bp-doc" safe>{result.doc}</p>) as string}</div>`
  const numeric = result.kind === 'float' || result.kind === 'bool' || result.kind === 'vec'
  if (numeric && result.direction !== 'none') {
    const comps = result.kind === 'vec' ? Array.from({ length: result.size ?? 1 }, (_, k) => k) : [undefined]
    for (const k of comps) {
      let best: ReturnType<typeof findOptimum> = null
      let label: string
      try {
        const view = numericView(run, result, k)
        label = view.label
        best = findOptimum(run, view)
      } catch {
        continue // the chart below shows the error
      }
      if (!best) continue
      const view = numericView(run, result, k)
      const varying = run.inputs.filter((v) => v.values.length > 1)
      const at = (b: NonNullable<typeof best>, skip?: string) =>
        varying
          .filter((v) => v.name !== skip)
          .map((v) => `${v.name}=${formatInputValue(b.inputs[v.name])}`)
          .join(', ')
      const how = (b: NonNullable<typeof best>) => `${run.repeats > 1 ? ` (mean of ${b.n} repeat${b.n === 1 ? '' : 's'})` : ''}${b.ties > 1 ? `, ${b.ties} points tie (the first is named)` : ''}`
      const where = at(best)
      parts.push(
        (<p class="bp-best" data-best={escapeHtml(label)} data-ties={String(best.ties)}>
          Best {escapeHtml(label)} ({result.direction === 'minimize' ? 'lowest' : 'highest'}): <strong safe>{formatQuantity(best.mean, result.units)}</strong>
          {escapeHtml(`${how(best)}${where ? ` at ${where}` : ''}`)}
        </p>) as string,
      )
      // The question a sweep asks most: which is best at its largest size. The sweep input is the float input with the most values.
      const sweep = varying.filter((v) => v.kind === 'float' || v.kind === 'int').sort((a, b) => b.values.length - a.values.length)[0]
      if (!sweep || varying.length < 2) continue
      const top = (sweep.values as number[]).reduce((m, x, i, xs) => (x > xs[m] ? i : m), 0)
      const largest = findOptimum(run, view, { input: run.inputs.indexOf(sweep), value: top })
      if (!largest) continue
      const there = `${sweep.name}=${formatInputValue(sweep.values[top])}`
      parts.push(
        (<p class="bp-best bp-best-largest" data-best-largest={escapeHtml(label)} data-ties={String(largest.ties)}>
          {escapeHtml(`At the largest ${sweep.name} (${there}): `)}
          <strong safe>{formatQuantity(largest.mean, result.units)}</strong>
          {escapeHtml(`${how(largest)} at ${at(largest, sweep.name)}`)}
        </p>) as string,
      )
    }
  }
  return parts.join('\n')
}

function figureData(spec: ChartSpec, extra: Record<string, string | number | undefined> = {}): Record<string, string | number | undefined> {
  return { chart: spec.kind, result: spec.result, component: spec.component === undefined ? undefined : componentName(spec.component), ...extra }
}

function renderBuilt(built: BuiltChart, chartId: string, draw: DrawFigure): string {
  const { spec } = built
  const figure = (panel: ChartPanel) => {
    // By the panel's place in the chart, not on the page: tabs group panels in another order.
    const id = `${chartId}p${built.panels.indexOf(panel)}`
    let drawn: ReturnType<DrawFigure>
    try {
      drawn = draw(id, panel, built)
    } catch (err) {
      return errorBox(spec, err, panel.facet)
    }
    return ChartFigure({
      class: 'bp-chart',
      data: figureData(spec, { facet: panel.facet ?? undefined, width: built.width, height: built.height, figure: id, lazy: drawn.lazyUrl }),
      label: `${built.title}${panel.facet ? ` (${panel.facet})` : ''}`,
      description: `${panel.facet ? `${panel.facet}: ` : ''}${built.summary}`,
      body: drawn.body,
      option: panel.option,
    })
  }
  const kindClass = `bp-group bp-group-${spec.kind}`
  const notes = built.notes.map((n) => (<p class="bp-note" safe>{n}</p>) as string)
  if (built.panels.length <= 1 || !built.tabsBy) {
    const cls = built.panels.length <= 1 ? kindClass : `${kindClass} bp-facets`
    return [`<div class="${cls}">`, ...built.panels.map(figure), ...notes, '</div>'].join('\n')
  }
  // Many small multiples: one tab per value of the first facet input, a grid inside each (CSS only, no JS needed).
  const groups = new Map<string, ChartPanel[]>()
  for (const p of built.panels) {
    const key = p.facetValues[0]
    groups.set(key, [...(groups.get(key) ?? []), p])
  }
  const name = `${chartId}-tabs`
  const tabs = [...groups.keys()].map(
    (key, i) =>
      `<input type="radio" name="${name}" id="${name}-${i}"${i === 0 ? ' checked' : ''}>` +
      ((
        <label for={`${name}-${i}`} safe>
          {key}
        </label>
      ) as string),
  )
  const panels = [...groups.values()].map((ps) => `<div class="bp-tabpanel bp-facets">${ps.map(figure).join('\n')}</div>`)
  return [`<div class="${kindClass} bp-tabs">`, ...tabs, ...panels, ...notes, '</div>'].join('\n')
}

function errorBox(spec: ChartSpec, err: unknown, facet?: string | null): string {
  const message = err instanceof Error ? err.message : String(err)
  const what = `${spec.kind} chart of ${spec.result}${spec.component === undefined ? '' : `_${componentName(spec.component)}`}${facet ? ` (${facet})` : ''}`
  return (
    <figure class="bp-chart bp-error" {...dataAttributes(figureData(spec, { facet: facet ?? undefined, error: '1' }))} role="alert">
      <strong safe>{`The ${what} failed to render:`}</strong> {escapeHtml(message)}
    </figure>
  ) as string
}

function ResultTable(props: { run: Run; result: ResultVar; spec: ChartSpec; links: Links; exists: MediaCheck; recordings?: RecordingCheckOf }): string {
  const { run, result, spec } = props
  const numeric = result.kind === 'float' || result.kind === 'bool' || result.kind === 'vec'
  const inputHeads = run.inputs.map((v) => <th scope="col" safe>{axisTitle(v.name, v.units)}</th>).join('')
  const inputCells = (values: readonly (string | number | boolean)[]) => values.map((v) => <td safe>{formatInputValue(v)}</td>).join('')
  if (numeric) {
    const t = statsTable(run, result, spec)
    const rows = t.rows.map((r) => {
      const s = r.stats
      const num = (x: number) => <td class="bp-num" safe>{formatQuantity(x, result.units)}</td>
      return `<tr>${inputCells(r.inputs)}<td class="bp-num">${s.n}</td>${num(s.mean)}${num(s.std)}${num(s.min)}${num(s.max)}</tr>`
    })
    const head = `${inputHeads}<th scope="col">n</th><th scope="col">mean</th><th scope="col">${t.bool ? 'binomial s.e.' : 'std'}</th><th scope="col">min</th><th scope="col">max</th>`
    return TableShell({ spec, head, rows, total: t.total, cap: rows.length, caption: `${t.label}: statistics per sweep point` })
  }
  const t = valueTable(run, result)
  const rows = t.rows.map((r) => {
    const rep = run.repeats > 1 ? `<td class="bp-num">${r.repeat}</td>` : ''
    return `<tr>${inputCells(r.inputs)}${rep}<td>${ValueCell({ result, value: r.value, links: props.links, exists: props.exists, recordings: props.recordings })}</td></tr>`
  })
  const head = `${inputHeads}${run.repeats > 1 ? '<th scope="col">repeat</th>' : ''}${(<th scope="col" safe>{axisTitle(result.name, result.units)}</th>) as string}`
  const table = TableShell({ spec, head, rows, total: t.total, cap: t.cap, caption: `${result.name} (${result.kind})` })
  if (result.kind !== 'rerun' || !props.recordings) return table
  // One viewer for the result's recordings, switched between sweep points (and repeats).
  const check = props.recordings
  const items: RerunRecordingItem[] = t.rows.flatMap((r) => {
    if (r.value === null) return []
    const where = run.inputs.map((v, k) => `${v.name}=${formatInputValue(r.inputs[k])}`).join(', ')
    const label = [where, run.repeats > 1 ? `repeat ${r.repeat}` : ''].filter(Boolean).join(', ') || 'the run'
    return [{ label, name: r.value, fileUrl: props.links.recording(r.value), viewUrl: props.links.recordingViewer(r.value), frameUrl: props.links.recordingViewer(r.value, true), check: check(r.value) }]
  })
  return items.length === 0 ? table : `${table}\n${RerunViewer({ result: result.name, recordings: items, scriptUrl: props.links.rerunScript(), fromFile: !props.links.dynamic })}`
}

function TableShell(props: { spec: ChartSpec; head: string; rows: string[]; total: number; cap: number; caption: string }): string {
  return (
    <figure class="bp-chart bp-table" {...dataAttributes(figureData(props.spec))}>
      <figcaption safe>{props.caption}</figcaption>
      <div class="bp-table-scroll">
        <table>
          <thead>
            <tr>{props.head as 'safe'}</tr>
          </thead>
          <tbody>{props.rows.join('') as 'safe'}</tbody>
        </table>
      </div>
      {props.total > props.cap ? <p class="bp-note">{`Showing the first ${props.cap} of ${props.total} rows.`}</p> : ''}
    </figure>
  ) as string
}

function ValueCell(props: { result: ResultVar; value: string | null; links: Links; exists: MediaCheck; recordings?: RecordingCheckOf }): string {
  const { result, value: v, links } = props
  if (v === null) return '<span class="bp-missing">no value</span>'
  if (result.kind === 'string') return (<span class="bp-string" safe>{v}</span>) as string
  if (!props.exists(v))
    return (
      <span class="bp-missing" data-missing={escapeHtml(v)} safe>
        {`missing: ${v}`}
      </span>
    ) as string
  const name = v.split('/').pop() ?? v
  // A recording links its own URL: its media URL is not made (a static report would copy the file twice).
  const href = result.kind === 'rerun' ? '' : escapeHtml(links.media(v))
  switch (result.kind) {
    case 'image':
      return (
        <a href={href}>
          <img class="bp-media" src={href} alt={escapeHtml(v)} loading="lazy" />
        </a>
      ) as string
    case 'video':
      return (<video class="bp-media" src={href} controls {...{ preload: 'metadata' }}></video>) as string
    case 'rerun': {
      const problem = props.recordings?.(v).problem ?? null
      return (
        <>
          <a class="bp-rerun" href={escapeHtml(links.recording(v))} safe>
            {`${name} (open recording)`}
          </a>
          {problem === null ? (
            ''
          ) : (
            <>
              {' '}
              <span class="bp-rerun-note" data-problem={escapeHtml(v)} safe>
                {problem}
              </span>
            </>
          )}
        </>
      ) as string
    }
    default:
      return (
        <a class="bp-download" href={href} download={escapeHtml(name)} safe>
          {name}
        </a>
      ) as string
  }
}
