/**
 * The one formatter of numbers that people read: axis ticks, tooltips, tables, verdicts, the
 * command line. SI prefixes where the unit takes them (`685.3 µs`, `1.234 GB/s`; binary prefixes
 * when the unit is written binary: `16 KiB`), four significant digits, no trailing zeros.
 * Exact values (CSV, JSON, input values) use `formatExact`.
 *
 * `formatQuantity` references nothing outside itself: its source text is also sent to the browser,
 * so a live chart's ticks read exactly as the server's SVG.
 */
export function formatQuantity(x: number | null | undefined, unit?: string | null): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—'
  const u = (unit ?? '').trim()
  const suffix = u === '' || u === 'ul' ? '' : u
  if (!Number.isFinite(x)) return `${x > 0 ? '∞' : '−∞'}${suffix ? ` ${suffix}` : ''}`
  const plain = (v: number): string => {
    if (v === 0) return '0'
    const a = Math.abs(v)
    if (Number.isInteger(v) && a < 1e6) return String(v)
    if (a >= 1e-4 && a < 1e6) return String(Number(v.toPrecision(4)))
    return v.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e')
  }
  if (suffix === '') return plain(x)
  // How a unit scales (its base, the factor of its prefix, the prefixes it may take): parsed once per unit
  // and kept on the function itself, which must stay self-contained to be sent to the browser.
  type Scale = [string, number][]
  type Parsed = { base: string; factor: number; scale: Scale; given: string }
  const self = formatQuantity as typeof formatQuantity & { units?: Map<string, Parsed> }
  const units = (self.units ??= new Map<string, Parsed>())
  let parsed = units.get(u)
  if (parsed === undefined) {
    // Units that take prefixes, and the prefixes each may take (time stops at seconds, bytes have no small ones).
    const si: Scale = [['p', 1e-12], ['n', 1e-9], ['µ', 1e-6], ['m', 1e-3], ['', 1], ['k', 1e3], ['M', 1e6], ['G', 1e9], ['T', 1e12], ['P', 1e15]]
    const binary: Scale = [['', 1], ['Ki', 1024], ['Mi', 1024 ** 2], ['Gi', 1024 ** 3], ['Ti', 1024 ** 4], ['Pi', 1024 ** 5]]
    const bases: Record<string, Scale> = {
      s: si.slice(0, 5),
      B: si.slice(4),
      'B/s': si.slice(4),
      b: si.slice(4),
      bit: si.slice(4),
      'b/s': si.slice(4),
      'bit/s': si.slice(4),
      Hz: si,
      W: si,
      J: si,
      V: si,
      A: si,
      g: si,
      m: si,
      FLOP: si.slice(4),
      'FLOP/s': si.slice(4),
    }
    const given = u.replace(/^u(?=[a-zA-Z])/, 'µ')
    parsed = { base: '', factor: 0, scale: si, given }
    for (const b of Object.keys(bases)) {
      if (!given.endsWith(b)) continue
      const head = given.slice(0, given.length - b.length)
      const bin = binary.find(([p]) => p !== '' && p === head)
      const dec = si.find(([p]) => p === head)
      if (bin && b.startsWith('B')) {
        parsed = { base: b, factor: bin[1], scale: binary, given }
        break
      }
      if (dec && (head !== '' || given === b)) {
        parsed = { base: b, factor: dec[1], scale: bases[b], given }
        break
      }
    }
    units.set(u, parsed)
  }
  const { base, factor, scale, given } = parsed
  if (base === '') return `${plain(x)} ${suffix}`
  const v = x * factor
  if (v === 0) return `0 ${given}`
  const a = Math.abs(v)
  let i = 0
  while (i + 1 < scale.length && a >= scale[i + 1][1]) i++
  let m = Number((v / scale[i][1]).toPrecision(4))
  // 999.96 µs rounds to 1000: say 1 ms.
  if (Math.abs(m) >= (scale[1]?.[0] === 'Ki' ? 1024 : 1000) && i + 1 < scale.length) m = Number((v / scale[++i][1]).toPrecision(4))
  // Beyond the prefixes (4.9e-17 m, rounding error around zero): powers of ten of the unit itself, not "4.899e-5 pm".
  if (Math.abs(m) >= 1e6 || Math.abs(m) < 1e-4) return `${plain(v)} ${base}`
  return `${m} ${scale[i][0]}${base}`
}

/** A number without a unit, as `formatQuantity` writes it: `0.0005`, `1.235e7`, `—` when missing. */
export function formatNumber(x: number | null | undefined): string {
  return formatQuantity(x, '')
}

/** A value exactly as stored (shortest round-trip text), for CSV, JSON and a tooltip's exact line. */
export function formatExact(x: number): string {
  return Number.isFinite(x) ? String(x) : Number.isNaN(x) ? '' : x > 0 ? 'Infinity' : '-Infinity'
}

/** A change in percent with its sign: `+12.3%`, `—` when there is none. */
export function formatPercent(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—'
  if (!Number.isFinite(x)) return x > 0 ? '+∞%' : '−∞%'
  const text = x.toFixed(digits)
  return /^-0\.?0*$/.test(text) ? `+${text.slice(1)}%` : `${x >= 0 ? '+' : ''}${text}%`
}

/** An input value as labels, legends and tooltips name it: numbers exactly (`n=16384`), text as it is. */
export function formatInputValue(v: number | string | boolean): string {
  return typeof v === 'number' ? formatExact(v) : String(v)
}

/** A sweep point as text: `n=1000, algo=heap`; `(no inputs)` for a run without inputs. */
export function formatInputs(inputs: Record<string, number | string | boolean>): string {
  const entries = Object.entries(inputs)
  return entries.length === 0 ? '(no inputs)' : entries.map(([k, v]) => `${k}=${formatInputValue(v)}`).join(', ')
}

/** `name [units]`, units left out when unitless. */
export function axisTitle(name: string, units: string): string {
  return units && units !== 'ul' ? `${name} [${units}]` : name
}

/** A stored ISO time as `2026-11-25 10:00:00` (UTC), as bencher labels time points. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace(/Z$/, '')
}
