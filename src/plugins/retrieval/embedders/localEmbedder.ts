import type { Embedder } from '../types'

import { stopWords } from './stopWords'

/** FNV-1a, 32-bit: fast, dependency-free and the same on every machine. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

const tokenize = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? []

/**
 * Features of a text: its words (minus stop words) and the character 3- and 4-grams of each word,
 * which let "migration" meet "migrations" and forgive typos. N-grams weigh less than whole words.
 */
function features(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight)
  for (const token of tokenize(text)) {
    if (stopWords.has(token)) continue
    add(`w:${token}`, 1)
    const padded = `<${token}>`
    for (const n of [3, 4]) {
      for (let i = 0; i + n <= padded.length; i++) add(`g:${padded.slice(i, i + n)}`, 0.25)
    }
  }
  return counts
}

/** A unit vector: hashed, signed features with sublinear term frequency. */
export function hashEmbedding(text: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions)
  for (const [feature, count] of features(text)) {
    const hash = fnv1a(feature)
    const sign = (fnv1a(`s:${feature}`) & 1) === 0 ? 1 : -1
    vector[hash % dimensions] += sign * (1 + Math.log(count))
  }
  let norm = 0
  for (const value of vector) norm += value * value
  norm = Math.sqrt(norm) || 1
  return Array.from(vector, (value) => value / norm)
}

/**
 * The offline embedder: no network, no model weights, deterministic. It hashes words and character
 * n-grams into a fixed number of dimensions (the "hashing trick"). Its vectors are much weaker than a
 * trained model's, which is why offline search leans on full-text ranking; they keep the vector column
 * and the hybrid path the same everywhere.
 */
export function createLocalEmbedder({ dimensions = 1536 }: { dimensions?: number } = {}): Embedder {
  return {
    dimensions,
    embed: async (texts) => texts.map((text) => hashEmbedding(text, dimensions)),
    id: 'local:hash-ngrams-v1',
  }
}
