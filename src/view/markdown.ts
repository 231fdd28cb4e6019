import type * as Marked from 'marked'
import type SanitizeHtml from 'sanitize-html'

// Text that markdown leaves as it is: a letter or digit first and last, then only letters, digits,
// spaces and punctuation that neither markdown (GFM) nor HTML gives a meaning to.
const plainLine = /^[\p{L}\p{N}](?:[\p{L}\p{N} ,.;()?%+=-]*[\p{L}\p{N}.)?%])?$/u
// "1. " or "1) " starts an ordered list.
const listStart = /^\p{N}+[.)]( |$)/u

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
  // One line of words, numbers and plain punctuation is one paragraph as it is: the first page need
  // not load marked and sanitize-html (~12 ms) for a description such as "Nightly run (10 of 10)."
  if (plainLine.test(text) && !listStart.test(text) && !/www\./i.test(text)) return `<p>${text}</p>\n`
  return markdownToSafeHtml(text)
}

/** `renderMarkdown` without its shortcut for plain text: marked, then sanitize-html. */
export function markdownToSafeHtml(text: string): string {
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
