// Value-axis ticks and colour-bar labels are formatted by src/format's formatQuantity with the
// result's unit. An option is JSON (it travels to the browser), so it carries a marker string
// where the formatter goes; `renderSvg` and the browser's hydration put the function in its place.

/** The marker of a label formatted as a quantity of `unit`: `{bp:quantity:s}`. */
export function quantityFormatter(unit: string): string {
  return `{bp:quantity:${unit}}`
}

/** The marker of a label of log10 values (a log colour scale) formatted as the quantity 10^v of `unit`. */
export function logQuantityFormatter(unit: string): string {
  return `{bp:logquantity:${unit}}`
}

/**
 * A copy of an option with every quantity marker (axes' `axisLabel.formatter`, a visual map's
 * `formatter`) replaced by a function calling `format(value, unit)`. References nothing but its
 * arguments: its source text is also sent to the browser (see assets.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withQuantityFormatters(option: any, format: (x: number, unit: string) => string): any {
  const marked = (f: unknown) => (typeof f === 'string' ? /^\{bp:(log)?quantity:(.*)\}$/.exec(f) : null)
  const fix = (o: any, at: 'axisLabel' | 'self') => {
    if (!o || typeof o !== 'object') return o
    const holder = at === 'self' ? o : o.axisLabel
    const m = holder ? marked(holder.formatter) : null
    if (!m) return o
    const unit = m[2]
    const formatter = m[1] ? (v: number) => format(10 ** v, unit) : (v: number) => format(v, unit)
    return at === 'self' ? { ...o, formatter } : { ...o, axisLabel: { ...o.axisLabel, formatter } }
  }
  const each = (v: any, at: 'axisLabel' | 'self') => (Array.isArray(v) ? v.map((o) => fix(o, at)) : fix(v, at))
  if (!option || typeof option !== 'object') return option
  const out = { ...option }
  for (const key of ['xAxis', 'yAxis']) if (key in out) out[key] = each(out[key], 'axisLabel')
  if ('visualMap' in out) out.visualMap = each(out.visualMap, 'self')
  return out
}
