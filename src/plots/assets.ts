// Browser files served at /assets/<key>. Text imports let `bun build --compile` embed them.
import { readFileSync } from 'node:fs'
// The ECharts browser build (1 MB) is embedded as a file and read when first asked for: as a string
// in the module it cost about half a millisecond of every server's start.
import echartsMinPath from '../../node_modules/echarts/dist/echarts.min.js' with { type: 'file' }
import chartsCss from './charts.css' with { type: 'text' }
import { hydrateCharts } from './client'
import { escapeHtml, formatQuantity } from '../format'
import { chartKinds } from './kinds'
import { renderItems } from './render-items'
import { withQuantityFormatters } from './tick-format'

// One rule per tab position: CSS cannot match "the n-th radio shows the n-th panel" in general.
const tabRules = Array.from(
  { length: 60 },
  (_, i) => `.bp-tabs > input:nth-of-type(${i + 1}):checked ~ .bp-tabpanel:nth-of-type(${i + 1}) { display: flex; }`,
).join('\n')

// The kinds' functions go to the browser as their source text: each references nothing but its arguments.
const source = (entries: [string, string][]) => `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')} }`
const kindsJs = source([
  ['renderItems', source(Object.entries(renderItems).map(([name, f]) => [name, f.toString()]))],
  ['formatQuantity', formatQuantity.toString()],
  ['escapeHtml', escapeHtml.toString()],
  ['withQuantityFormatters', withQuantityFormatters.toString()],
  ['csv', source(chartKinds.map((k) => [k.kind, `{ header: ${JSON.stringify(k.csv.header)}, row: ${k.csv.row.toString()} }`]))],
])
const chartsJs = `/* bench-plot chart hydration */\n(${hydrateCharts.toString()})(${kindsJs});\n`

let echartsMin: string | undefined

/** Files the server serves at `/assets/<key>`: the ECharts browser build, the hydration script and the chart styles. */
export const clientAssets: Record<string, { type: string; body: string }> = {
  'echarts.min.js': {
    type: 'text/javascript; charset=utf-8',
    get body() {
      return (echartsMin ??= readFileSync(echartsMinPath, 'utf8'))
    },
  },
  'charts.js': { type: 'text/javascript; charset=utf-8', body: chartsJs },
  'charts.css': { type: 'text/css; charset=utf-8', body: `${chartsCss}\n${tabRules}\n` },
}
