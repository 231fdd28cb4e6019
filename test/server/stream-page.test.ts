import { describe, expect, it } from 'bun:test'
import { streamPage } from '../../src/server/stream-page'

const read = async (stream: ReadableStream<Uint8Array>) => {
  const chunks: string[] = []
  const decoder = new TextDecoder()
  for await (const chunk of stream) chunks.push(decoder.decode(chunk))
  return chunks
}

describe('streamPage', () => {
  it('sends the head before the page is drawn, then the rest, and hands over the whole page', async () => {
    const events: string[] = []
    let done = ''
    const stream = streamPage('<html><head></head><body><main>', () => {
      events.push('render')
      return '<html><head></head><body><main><p>charts</p></main></body></html>'
    }, (page) => {
      done = page
    })
    const reader = stream.getReader()
    const first = await reader.read()
    events.push('head read')
    expect(new TextDecoder().decode(first.value)).toBe('<html><head></head><body><main>')
    const rest = await read(new ReadableStream({ pull: async (c) => { const r = await reader.read(); if (r.done) c.close(); else c.enqueue(r.value) } }))
    expect(events).toEqual(['head read', 'render'])
    expect(rest.join('')).toBe('<p>charts</p></main></body></html>')
    expect(done).toBe('<html><head></head><body><main><p>charts</p></main></body></html>')
  })

  it('ends the page with an error box, and keeps nothing, when drawing fails after the head went out', async () => {
    let kept = false
    const errors: unknown[] = []
    const log = console.error
    console.error = (e: unknown) => errors.push(e)
    try {
      const chunks = await read(streamPage('<main>', () => {
        throw new Error('boom')
      }, () => {
        kept = true
      }))
      expect(chunks[0]).toBe('<main>')
      expect(chunks.join('')).toEndWith('<p class="bp-error" role="alert">Internal error while drawing this page: see the server log.</p></main></body></html>')
    } finally {
      console.error = log
    }
    expect(kept).toBe(false)
    expect(String(errors[0])).toContain('boom')
  })
})
