/** Links the public site builds or follows: preview redirects stay on the site, content links stay safe. */
import { describe, expect, it } from 'vitest'

import { safeHref } from '../../src/app/(site)/components/safeHref'
import { safeRelativePath } from '../../src/app/(site)/data/previewAccess'
import { previewUrl } from '../../src/collections/previewUrl'

describe('safeRelativePath', () => {
  it.each([
    ['/blog/a-post', '/blog/a-post'],
    ['/projects/x?tab=1#top', '/projects/x?tab=1#top'],
    ['/', '/'],
    ['/blog/../projects', '/projects'],
  ])('keeps %s', (input, expected) => {
    expect(safeRelativePath(input)).toBe(expected)
  })

  it.each([
    null,
    '',
    'blog',
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/.//evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    ' /blog',
  ])('refuses %j', (input) => {
    expect(safeRelativePath(input)).toBeNull()
  })
})

describe('safeHref', () => {
  it.each(['https://example.com/x', 'http://example.com', 'mailto:me@example.com', 'tel:+351', '#section', '/blog/a'])(
    'keeps %s',
    (href) => {
      expect(safeHref(href)).toBe(href)
    },
  )

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:x',
    '//evil.example',
    '',
    null,
    undefined,
  ])('drops %j', (href) => {
    expect(safeHref(href)).toBeNull()
  })
})

describe('previewUrl', () => {
  it("points the admin's Preview button at /preview with the page's path", () => {
    const url = previewUrl('blog-posts', '/blog')({ slug: 'a-post' })!
    expect(url.startsWith('/preview?')).toBe(true)
    const params = new URL(url, 'http://site.test').searchParams
    expect(Object.fromEntries(params)).toEqual({ collection: 'blog-posts', path: '/blog/a-post', slug: 'a-post' })
  })

  it('offers no preview before the document has a slug', () => {
    expect(previewUrl('projects', '/projects')({})).toBeNull()
  })
})
