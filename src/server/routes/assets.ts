import { NotFoundError, type Elysia } from 'elysia'
import { liveJs } from '../assets/live-script'
import { pagesJs } from '../assets/page-script'
import { styleCss } from '../../view/style'
import { clientAssets } from '../../plots/assets'
import { matchesETag } from '../respond'

type Asset = { type: string; body: string; etag?: string }

/** `/assets/<name>`: the stylesheet and the charts' scripts, all inside the binary. */
export const assetRoutes = () => (app: Elysia) => {
  const assets = new Map<string, Asset>()
  const add = (name: string, type: string, body: string) => assets.set(name, { type, body })
  // Hashed on first request, not at start: the ECharts build alone is a millisecond of SHA-1.
  const etagOf = (asset: Asset) => (asset.etag ??= `"${new Bun.CryptoHasher('sha1').update(asset.body).digest('base64url')}"`)
  add('bench-plot.css', 'text/css; charset=utf-8', styleCss)
  add('pages.js', 'text/javascript; charset=utf-8', pagesJs)
  add('live.js', 'text/javascript; charset=utf-8', liveJs)
  // A chart asset's body is read on its first request (the ECharts build is read from the executable then), not at start.
  for (const [name, a] of Object.entries(clientAssets)) {
    assets.set(name, {
      type: a.type,
      get body() {
        return a.body
      },
    })
  }
  return app.get('/assets/*', ({ params, request }) => {
    const asset = assets.get(params['*'])
    if (!asset) throw new NotFoundError()
    const etag = etagOf(asset)
    const headers = { 'content-type': asset.type, etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }
    if (matchesETag(request, etag)) return new Response(null, { status: 304, headers })
    return new Response(asset.body, { headers })
  })
}
