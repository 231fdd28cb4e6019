import type { Elysia } from 'elysia'
import type { RunWatcher } from '../live'

/**
 * `GET /api/events` (only with `--live`): server-sent events, an event `run` with
 * `{"benchmark": ..., "run": ...}` as data whenever a benchmark gets a new run. A comment every
 * 15 s keeps proxies from closing a quiet stream.
 */
export const eventRoutes = (watcher: RunWatcher) => (app: Elysia) =>
  app.get('/api/events', ({ request }) => {
    const encoder = new TextEncoder()
    let unsubscribe = () => {}
    let ping: ReturnType<typeof setInterval> | undefined
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const write = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text))
          } catch {
            end()
          }
        }
        const end = () => {
          unsubscribe()
          clearInterval(ping)
        }
        write('retry: 2000\n: bench-plot live\n\n')
        unsubscribe = watcher.subscribe((e) => write(`event: run\ndata: ${JSON.stringify({ benchmark: e.benchmark, run: e.run })}\n\n`))
        ping = setInterval(() => write(': ping\n\n'), 15_000)
        request.signal.addEventListener('abort', () => {
          end()
          try {
            controller.close()
          } catch {}
        })
      },
      cancel() {
        unsubscribe()
        clearInterval(ping)
      },
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } })
  })
