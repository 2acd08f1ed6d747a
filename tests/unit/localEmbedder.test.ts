import { expect, it } from 'vitest'

import { createLocalEmbedder } from '../../packages/payload-retrieval/src/embedders/localEmbedder'

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i], 0)

it('makes deterministic unit vectors of the configured size', async () => {
  const embedder = createLocalEmbedder({ dimensions: 256 })
  const [a, again] = await embedder.embed(['Zero-downtime database migrations', 'Zero-downtime database migrations'])
  expect(a).toHaveLength(256)
  expect(a).toEqual(again)
  expect(cosine(a, a)).toBeCloseTo(1, 6)
})

it('places related texts closer than unrelated ones', async () => {
  const embedder = createLocalEmbedder()
  const [query, related, unrelated] = await embedder.embed([
    'how do you migrate a postgres schema without downtime',
    'Zero-downtime database migrations in PostgreSQL: expand, migrate, contract',
    'Offline-first notes app for field biologists counting birds',
  ])
  expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.1)
})
