// The static reference of the browser bench (issue 20, point 1), served as a plain static file server
// would: one process of its own (as `bench-plot` is for the page), the file read from disk once and
// answered as it is, with its type and length and nothing else (no compression, no policy headers).
//
//   bun scripts/bench/static-server.ts FILE    # prints "Serving FILE at http://127.0.0.1:PORT/"
import { readFileSync } from 'node:fs'

const file = process.argv[2]
if (!file) {
  console.error('bench-plot: static-server: expected the HTML file to serve')
  process.exit(2)
}
const body = readFileSync(file)
const server = Bun.serve({
  port: 0,
  hostname: '127.0.0.1',
  fetch: (req) =>
    new URL(req.url).pathname === '/'
      ? new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } })
      : new Response('not found', { status: 404 }),
})
console.log(`Serving ${file} at http://127.0.0.1:${server.port}/`)
process.on('SIGTERM', () => {
  server.stop(true)
  process.exit(0)
})
