// The shape of a chart kind module. Private to src/plots/kinds (underscore): the rest of the code
// reaches kinds through the registry in index.ts.
import type { SweepSignature } from '../../model/signature'
import type { Run } from '../../model/types'
import type { Ctx } from './_shared'

/** An ECharts option as plain JSON data (no functions), so it can travel in a `<script type="application/json">`. */
export type Option = Record<string, unknown>

/**
 * One chart to draw for one result (one component of a vec result). Input names say what each
 * axis shows; every input not on an axis or in `series` is in `facets` (small multiples) or,
 * for `band`, aggregated over. `K` is the kind's name (`ChartKind` for the registered kinds).
 */
export type ChartSpecOf<K extends string = string> = {
  kind: K
  result: string
  /** Component index of a vec result. */
  component?: number
  /** Input on the x axis (the category axis for bar/box/violin/scatter-jitter). */
  x?: string
  /** Second float input of a heatmap. */
  y?: string
  /** Categorical input drawn as coloured series. */
  series?: string
  facets: string[]
  /** Whether the chart was asked for by name rather than chosen. */
  requested: boolean
}

/** Where a kind puts a result's values: the axes and facets of a spec, without its kind and result. */
export type Layout = Omit<ChartSpecOf, 'kind' | 'result' | 'component' | 'requested'>

/** One small multiple of a chart: its facet label (`name=value, …`) and its ECharts option. */
export type ChartPanel = { facet: string | null; facetValues: string[]; option: Option }

/** Another run of the same inputs drawn over a run's curves (dashed, with its own band), to compare commits. */
export type ChartOverlay = { run: Run; label: string }

/** Everything needed to draw one chart spec: one panel per facet, plus notes shown under it. */
export type BuiltChartOf<K extends string = string> = {
  spec: ChartSpecOf<K>
  /** `time vs n vs algo` */
  title: string
  /** The text alternative: what is drawn, the range of its values and the best point (`chartSummary`). */
  summary: string
  /** Label of the result or vec component, e.g. `pos_x`. */
  label: string
  panels: ChartPanel[]
  notes: string[]
  width: number
  height: number
  /** Facet input whose values become tabs (when there are many small multiples). */
  tabsBy: string | null
}

/**
 * One CSV row of a chart's download, from one data item of one series of its option: `v` is the
 * item's value, `i` its index, `xCats`/`yCats` the category axes' labels (null for numeric axes).
 * It must reference nothing but its arguments: its source text is sent to the browser (see assets.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CsvRow = (v: any, i: number, seriesName: string, xCats: string[] | null, yCats: string[] | null) => unknown[]

/** A chart's CSV download: its header and how a data item becomes a row. */
export type KindCsv = { header: readonly string[]; row: CsvRow }

/** A custom series' renderItem (ECharts `renderItem(params, api)`); sent to the browser as source text, like `CsvRow`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RenderItem = (params: any, api: any) => unknown

/** What every kind has: its name (`data-chart`), its label in the page's controls, and its CSV. */
export type KindBase<K extends string> = {
  kind: K
  /** The name people read, e.g. `percentile band`. */
  label: string
  csv: KindCsv
}

/** A kind drawn from a run's sweep (chosen by `chooseCharts`, built by `toEChartsOption`). */
export type RunKind<K extends string = string> = KindBase<K> & {
  source: 'run'
  /** Drawn only when asked for by name (`?plots=`), never chosen from the signature. */
  named: boolean
  /** Shows results of any kind, not only numeric ones (table). */
  anyResult?: boolean
  /** Other names a request may use for it (`jitter`). */
  aliases?: readonly string[]
  /** The layout of the automatic chart of this kind for a result of this run; null when it does not apply. */
  auto?: (sig: SweepSignature, result: SweepSignature['results'][number]) => Layout | null
  /** Why a requested chart of this kind cannot be drawn for this run; null when it can. */
  whyNot?: (sig: SweepSignature) => string | null
  /** The layout of a requested chart (called once `whyNot` is null). */
  layout?: (sig: SweepSignature) => Layout
  /** The panels of one chart; absent for kinds that are not ECharts charts (table). */
  build?: (ctx: Ctx) => ChartPanel[]
  /**
   * Where the shared value range goes across small multiples: the y axis (from zero for bars) or the
   * colour bar. `autoLog: false` for axes of counts, which never turn logarithmic by themselves.
   */
  valueAxis: { on: 'y' | 'colour'; fromZero?: boolean; autoLog?: boolean }
  /** Draws another run over this one (`ChartOverlay`). */
  overlay?: boolean
  /** Has a legend even without a series input. */
  legend?: boolean
  /** The chart's title from the value's label and the inputs shown; default `label vs x vs y vs series`. */
  title?: (label: string, shown: string[]) => string
  /** Custom series' renderItem functions by the name the option carries. */
  renderItems?: Record<string, RenderItem>
}

/** A kind drawn from something other than one run (a result's history, a verdict, a comparison of two runs); its option builder is its own export. */
export type OptionKind<K extends string = string> = KindBase<K> & { source: 'history' | 'regression' | 'comparison' }

/** A run kind with its name as a literal type, so the registry can name its kinds. */
export function runKind<K extends string>(m: RunKind<K>): RunKind<K> {
  return m
}

export function optionKind<K extends string>(m: OptionKind<K>): OptionKind<K> {
  return m
}
