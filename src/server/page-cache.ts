/**
 * A rendered page: its bytes, encoded once, and their gzip form, made on the first request that
 * accepts it. Blobs, because a response can send a Blob without copying it: a `Uint8Array` body
 * is copied on every response, which was half of what a cached page cost under load.
 */
type CachedPage = { readonly body: Blob; readonly size: number; gzip(): Blob }

/** Rendered pages kept in memory, least recently used first out, each with its ETag. */
export type PageCache = {
  get(key: string): CachedPage | undefined
  set(key: string, html: string): CachedPage
  /** A strong ETag for a key: pages are deterministic functions of their key within one server process. */
  etag(key: string): string
}

export function createPageCache(opts: { maxEntries?: number; maxBytes?: number } = {}): PageCache {
  const maxEntries = opts.maxEntries ?? 200
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024
  const pages = new Map<string, CachedPage>()
  let bytes = 0
  // Pages depend on the code that drew them too: a restarted server never answers 304 to an old page.
  const nonce = crypto.randomUUID()
  const etags = new Map<string, string>()
  return {
    get(key) {
      const page = pages.get(key)
      if (page !== undefined) {
        pages.delete(key)
        pages.set(key, page)
      }
      return page
    },
    set(key, html) {
      const old = pages.get(key)
      if (old !== undefined) bytes -= old.size
      pages.delete(key)
      const page = cachedPage(new TextEncoder().encode(html))
      pages.set(key, page)
      bytes += page.size
      while (pages.size > maxEntries || (bytes > maxBytes && pages.size > 1)) {
        const [k, v] = pages.entries().next().value as [string, CachedPage]
        pages.delete(k)
        bytes -= v.size
      }
      return page
    },
    etag(key) {
      let tag = etags.get(key)
      if (tag === undefined) {
        tag = `"${new Bun.CryptoHasher('sha1').update(nonce).update(key).digest('base64url')}"`
        if (etags.size >= maxEntries * 4) etags.clear()
        etags.set(key, tag)
      }
      return tag
    },
  }
}

function cachedPage(bytes: Uint8Array<ArrayBuffer>): CachedPage {
  let gzipped: Blob | undefined
  return {
    body: new Blob([bytes]),
    size: bytes.byteLength,
    gzip: () => (gzipped ??= new Blob([Bun.gzipSync(bytes, { level: 6 })])),
  }
}
