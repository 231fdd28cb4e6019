/**
 * Order categorical input values as a person reads them: `1K < 10K < 50K < 100K`, `16B < 64B < 256B`,
 * `10_keys < 100_keys`. Values that are not all a number with the same kind of suffix keep the order
 * they came in (a method or job name has no natural order). Pure and stable.
 * @example naturalOrder(['100K', '1K', '50K', '10K']) // ['1K', '10K', '50K', '100K']
 */
export function naturalOrder(values: string[]): string[] {
  const keyed = values.map((v) => ({ v, key: sizeKey(v) }))
  if (keyed.length < 2 || keyed.some((k) => k.key === undefined)) return values
  const keys = keyed as { v: string; key: SizeKey }[]
  // Text around the number must be the same for all (`n=1K`/`n=10K`, `10_keys`/`100_keys`), or sizes with units.
  const sameShape = new Set(keys.map((k) => k.key.shape)).size === 1
  if (!sameShape && !keys.every((k) => k.key.scaled)) return values
  return keys.sort((a, b) => a.key.magnitude - b.key.magnitude).map((k) => k.v)
}

// --- internal ---

type SizeKey = { magnitude: number; shape: string; scaled: boolean }

const prefixes: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }

/**
 * `100K` → 100000 and `1KiB` → 1024, shaped `#` (sizes compare across prefixes); `n=16` → 16 shaped `n=#`;
 * `10_keys` → 10 shaped `#_keys`. Undefined for a value without exactly one number, and for a fraction
 * without a size unit (`py3.10` is a name, not 3.1).
 */
function sizeKey(v: string): SizeKey | undefined {
  const m = /^(\D*?)(\d+(?:\.\d+)?)(\D*)$/.exec(v.trim())
  if (!m) return undefined
  const [, prefix, num, suffix] = m
  const unit = /^(?:([kKMGT])(i)?)?(B?)$/.exec(suffix)
  if (unit && suffix !== '') {
    const scale = unit[1] ? (unit[2] ? 1024 ** ('KMGT'.indexOf(unit[1].toUpperCase()) + 1) : prefixes[unit[1]]) : 1
    return { magnitude: Number(num) * scale, shape: `${prefix}#`, scaled: prefix === '' }
  }
  if (num.includes('.')) return undefined
  return { magnitude: Number(num), shape: `${prefix}#${suffix}`, scaled: false }
}
