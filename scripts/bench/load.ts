export {}

// A load client for machines without wrk: CONNECTIONS loops, each sending one GET after another on a
// kept-alive connection for SECONDS. Prints { requests, errors, seconds, bytes } as JSON.
//
//   bun scripts/bench/load.ts URL CONNECTIONS SECONDS
const [url, connectionsArg, secondsArg] = process.argv.slice(2)
const connections = Number(connectionsArg ?? 64)
const seconds = Number(secondsArg ?? 5)
if (!url || !(connections > 0) || !(seconds > 0)) {
  console.error('usage: bun scripts/bench/load.ts URL CONNECTIONS SECONDS')
  process.exit(2)
}
const host = new URL(url).hostname
if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) {
  console.error(`load.ts only loads loopback servers, not ${host}`)
  process.exit(2)
}

let requests = 0
let errors = 0
let bytes = 0
const t0 = performance.now()
const deadline = t0 + seconds * 1000
async function loop(): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: 'manual' })
      const body = await res.arrayBuffer()
      if (res.status >= 400) errors++
      else {
        requests++
        bytes += body.byteLength
      }
    } catch {
      errors++
    }
  }
}
await Promise.all(Array.from({ length: connections }, loop))
console.log(JSON.stringify({ requests, errors, seconds: (performance.now() - t0) / 1000, bytes }))
