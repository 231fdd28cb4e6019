/** Rendered pages kept in memory, least recently used first out, each with its ETag. */
export type PageCache = {
  get(key: string): string | undefined
  set(key: string, html: string): void
  /** A strong ETag for a key: pages are deterministic functions of their key within one server process. */
  etag(key: string): string
}

export function createPageCache(opts: { maxEntries?: number; maxBytes?: number } = {}): PageCache {
  const maxEntries = opts.maxEntries ?? 200
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024
  const pages = new Map<string, string>()
  let bytes = 0
  // Pages depend on the code that drew them too: a restarted server never answers 304 to an old page.
  const nonce = crypto.randomUUID()
  return {
    get(key) {
      const html = pages.get(key)
      if (html !== undefined) {
        pages.delete(key)
        pages.set(key, html)
      }
      return html
    },
    set(key, html) {
      const old = pages.get(key)
      if (old !== undefined) bytes -= old.length
      pages.delete(key)
      pages.set(key, html)
      bytes += html.length
      while (pages.size > maxEntries || (bytes > maxBytes && pages.size > 1)) {
        const [k, v] = pages.entries().next().value as [string, string]
        pages.delete(k)
        bytes -= v.length
      }
    },
    etag(key) {
      return `"${new Bun.CryptoHasher('sha1').update(nonce).update(key).digest('base64url')}"`
    },
  }
}
