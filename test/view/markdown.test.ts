import { describe, expect, it } from 'bun:test'
import { markdownToSafeHtml, renderMarkdown } from '../../src/view/markdown'

describe('renderMarkdown', () => {
  // One line of plain words skips marked and sanitize-html: it must give what they give.
  const lines = [
    'Synthetic sweep of 1000000 samples (run 10 of 10).',
    'a',
    '10 items',
    'Hello  world',
    'a -- b',
    'x = y + z',
    '2026-11-30',
    'a.b.c',
    'Nightly run (10 of 10)?',
    'über groß',
    '100%',
    'a;b',
    '3.14',
    'A (b) c.',
    // Markdown after all: lists, autolinks, emphasis, code, HTML, entities, headings, breaks.
    '1. b',
    '1) x',
    '1.',
    '- item',
    '+ item',
    'www.example.com',
    'see www.example.com now',
    'WWW.x.org',
    'x-',
    '*strong*',
    'a_b_c',
    '`code`',
    '<script>alert(1)</script>',
    'a &amp; b',
    '# title',
    'a\nb',
    'a\n\nb',
    '   indented',
    'trailing  ',
  ]

  it('gives for plain one-line text what marked and sanitize-html give', () => {
    for (const text of lines) expect([text, renderMarkdown(text)]).toEqual([text, markdownToSafeHtml(text)])
  })

  it('keeps markdown and removes what is unsafe', () => {
    expect(renderMarkdown('How **fast** do we sort?')).toBe('<p>How <strong>fast</strong> do we sort?</p>\n')
    expect(renderMarkdown('x <img src="https://example.com/a.png" onerror="alert(1)">')).not.toMatch(/example\.com|onerror/)
    expect(renderMarkdown('  ')).toBe('')
  })
})
