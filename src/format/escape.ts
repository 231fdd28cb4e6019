/**
 * The one escape function, for the few places that build HTML as a string (and for attribute
 * values: the JSX runtime escapes only `"` there, so `&` would start an entity). JSX text children
 * are escaped by the `safe` attribute or through this function.
 *
 * It references nothing outside itself: its source is also sent to the browser for tooltips.
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'))
}

/** JSON for a `<script type="application/json">` block: `</` and `<!--` cannot close or confuse it; NaN and ±Infinity become null. */
export function scriptJson(value: unknown): string {
  const text = JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))
  return text.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}
