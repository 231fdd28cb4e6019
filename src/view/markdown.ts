import type * as Marked from 'marked'
import type SanitizeHtml from 'sanitize-html'

// Required on first use, not imported: evaluating sanitize-html and marked costs the server's start ~9 ms.
let sanitizer: typeof SanitizeHtml | undefined
const sanitize = (): typeof SanitizeHtml => (sanitizer ??= require('sanitize-html') as typeof SanitizeHtml)
let markdown: typeof Marked | undefined
const markedModule = (): typeof Marked => (markdown ??= require('marked') as typeof Marked)

/**
 * Markdown (run descriptions: user text) to HTML that is safe to insert: no scripts, no event
 * handlers, no styles, and no image or frame that would make the page ask another host for anything.
 */
export function renderMarkdown(text: string): string {
  if (!text.trim()) return ''
  const html = markedModule().marked.parse(text, { async: false, gfm: true }) as string
  const sanitizeHtml = sanitize()
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 'input', 'details', 'summary'],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      input: ['type', 'checked', 'disabled'],
      th: ['align'],
      td: ['align'],
      code: ['class'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    // Images only from this server (relative URLs) or inline data: the pages work offline.
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    // An image whose source was refused would be an empty box.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
    },
  })
}
