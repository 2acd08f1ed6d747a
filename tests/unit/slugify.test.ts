import { expect, it } from 'vitest'

import { slugify } from '../../src/fields/slugField'
import { isHttpUrl } from '../../src/fields/urlField'

it.each([
  ['Hello, Wörld!', 'hello-world'],
  ['  Zero-downtime  migrations ', 'zero-downtime-migrations'],
  ['São Gabriel', 'sao-gabriel'],
  ['!!!', ''],
])('slugify(%j) is %j', (input, expected) => {
  expect(slugify(input)).toBe(expected)
})

it.each([
  ['https://example.com/a?b=c', true],
  ['http://localhost:3000', true],
  ['github.com/x', false],
  ['javascript:alert(1)', false],
  ['mailto:a@example.com', false],
  ['https://', false],
])('isHttpUrl(%j) is %j', (input, expected) => {
  expect(isHttpUrl(input)).toBe(expected)
})
