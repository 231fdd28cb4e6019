/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** JSON for a `<script type="application/json">` block: `</` and `<!--` cannot close or confuse it; NaN and ±Infinity become null. */
export function scriptJson(value: unknown): string {
  const text = JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))
  return text.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}
