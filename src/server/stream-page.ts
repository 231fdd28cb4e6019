/**
 * A page sent in two parts: its head at once, so the browser fetches styles and scripts and shows
 * the frame while the server draws the rest, then the rest. `onDone` gets the whole page (to cache it).
 * A failure after the head has gone out can no longer change the status: it ends the page with an error box.
 */
export function streamPage(head: string, render: () => string | Promise<string>, onDone: (page: string) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head))
    },
    // Asked for more once the head has been taken: one turn of the event loop lets it leave before the (synchronous) drawing.
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve))
      let rest: string
      try {
        const page = await render()
        if (!page.startsWith(head)) throw new Error('the page does not start with the head sent')
        rest = page.slice(head.length)
        onDone(page)
      } catch (err) {
        console.error(err)
        rest = '<p class="bp-error" role="alert">Internal error while drawing this page: see the server log.</p></main></body></html>'
      }
      controller.enqueue(encoder.encode(rest))
      controller.close()
    },
  })
}
