/**
 * Word vectors for query expansion: building the compact int8 table from an embedding in wink's JSON
 * layout (streamed, plain lowercase words only), the table file's round trip and its checks, and the
 * neighbour search, ranks, similarities and averages over it. The vectors are designed so that every
 * cosine is known: their non-zero components are equal in size, so int8 rounding keeps the angles.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import { buildWordVectorTable } from '../../packages/payload-retrieval/src/expansion/buildWordVectorTable'
import { openWordVectors } from '../../packages/payload-retrieval/src/expansion/wordVectors'
import {
  readWordVectorTable,
  writeWordVectorTable,
} from '../../packages/payload-retrieval/src/expansion/wordVectorTable'

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'expansion-vectors-'))
afterAll(() => fs.rmSync(temp, { force: true, recursive: true }))

/** An embedding in wink's layout: each vector followed by its norm and its index in `words`. */
function winkJson({
  dimensions,
  keys = {},
  order,
  vectors,
  words,
}: {
  dimensions: number
  keys?: Record<string, string>
  order?: string[]
  vectors: Record<string, number[]>
  words: string[]
}): string {
  const index = new Map(words.map((word, i) => [word, i]))
  const entries = (order ?? words).map((word) => {
    const values = vectors[word]
    return `${keys[word] ?? JSON.stringify(word)}:[${[...values, Number(Math.hypot(...values).toFixed(8)), index.get(word)].join(',')}]`
  })
  const unknown = [...Array<number>(dimensions).fill(0), -1]
  return `{"precision":8,"l2NormIndex":${dimensions},"wordIndex":${dimensions + 1},"size":${words.length},"dimensions":${dimensions},"words":${JSON.stringify(words)},"vectors":{${entries.join(',')}},"unkVector":[${unknown.join(',')}]}`
}

// Most frequent first, with wink's punctuation, possessive, number, capitalised and accented tokens.
const words = [
  'the',
  ',',
  'apple',
  '.',
  'pear',
  '"',
  'plum',
  "'s",
  '1990',
  'Paris',
  'fig',
  'well-known',
  'café',
  'kiwi',
  'lime',
]
const vectors: Record<string, number[]> = {
  '"': [1, 0, 0, 0],
  "'s": [1, 0, 0, 0],
  ',': [1, 0, 0, 0],
  '.': [1, 0, 0, 0],
  '1990': [1, 0, 0, 0],
  apple: [2, 0, 0, 0],
  café: [1, 0, 0, 0],
  fig: [0.5, 0.5, 0.5, 0], // cos 1/√3 with apple
  kiwi: [-3, 0, 0, 0], // cos -1
  lime: [3, 0, 0, 0], // cos 1
  Paris: [1, 0, 0, 0],
  pear: [1, 1, 0, 0], // cos 1/√2
  plum: [1, 1, 1, 1], // cos 1/2
  the: [0, 0, 0, 5], // cos 0
  'well-known': [0, 0.1, 0, 0], // cos 0
}
const kept = ['the', 'apple', 'pear', 'plum', 'fig', 'well-known', 'kiwi', 'lime']

const source = path.join(temp, 'source.json')
// The vectors in reverse order (the table follows the word list), "apple" spelled with a JSON escape.
fs.writeFileSync(
  source,
  winkJson({ dimensions: 4, keys: { apple: '"\\u0061pple"' }, order: [...words].reverse(), vectors, words }),
)

const table = path.join(temp, 'table.bin')
const progress: number[] = []
const built = buildWordVectorTable({
  onProgress: (share) => progress.push(share),
  provenance: { name: 'test vectors', version: 2 },
  source,
  target: table,
})

const rounded = (related: Array<{ similarity: number; weight: number; word: string }>) =>
  related.map(({ similarity, weight, word }) => [word, Number(similarity.toFixed(6)), Number(weight.toFixed(6))])

describe("building a word-vector table from wink's JSON", () => {
  it('keeps only plain lowercase words (hyphenated ones too), in frequency order', async () => {
    expect(await built).toEqual({ words: kept.length })
    const { dimensions, words: tableWords } = readWordVectorTable(table)
    expect(dimensions).toBe(4)
    expect(tableWords).toEqual(kept)
  })

  it('stores each vector at unit length as int8 (×127), read from under its own key', async () => {
    await built
    const { vectors: stored } = readWordVectorTable(table)
    const row = (word: string) => [...stored.subarray(kept.indexOf(word) * 4, kept.indexOf(word) * 4 + 4)]
    expect(row('the')).toEqual([0, 0, 0, 127])
    // "\u0061pple" in the source: the key is decoded before it is looked up.
    expect(row('apple')).toEqual([127, 0, 0, 0])
    expect(row('pear')).toEqual([90, 90, 0, 0])
    expect(row('plum')).toEqual([64, 64, 64, 64])
    expect(row('fig')).toEqual([73, 73, 73, 0])
    expect(row('well-known')).toEqual([0, 127, 0, 0])
    expect(row('kiwi')).toEqual([-127, 0, 0, 0])
    expect(row('lime')).toEqual([127, 0, 0, 0])
  })

  it('keeps at most `words` words, the most frequent', async () => {
    const target = path.join(temp, 'three.bin')
    expect(await buildWordVectorTable({ source, target, words: 3 })).toEqual({ words: 3 })
    const three = readWordVectorTable(target)
    expect(three.words).toEqual(['the', 'apple', 'pear'])
    expect([...three.vectors]).toEqual([0, 0, 0, 127, 127, 0, 0, 0, 90, 90, 0, 0])
    expect(three.provenance.words).toBe(3)
  })

  it("records the passed provenance with the source's size and SHA-256", async () => {
    await built
    const { provenance } = readWordVectorTable(table)
    const bytes = fs.readFileSync(source)
    expect(provenance).toEqual({
      builtAt: expect.any(String),
      name: 'test vectors',
      quantization: 'unit length, int8 (×127)',
      sourceBytes: bytes.length,
      sourceSha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      version: 2,
      words: kept.length,
    })
    expect(Number.isNaN(Date.parse(provenance.builtAt as string))).toBe(false)
  })

  it('reports its progress, ending with 1', async () => {
    await built
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toBe(1)
    for (const share of progress) expect(share).toBeGreaterThan(0)
    for (const share of progress) expect(share).toBeLessThanOrEqual(1)
  })

  it('streams a source of several reads: entries and characters split between reads come out whole', async () => {
    // Over 8 MB (reads are 4 MB): a long non-ASCII word (no vector; it is not kept) in the list, so a
    // 3-byte "€" lies across the first read's end, then 60,000 plain words whose vectors (long decimals)
    // run across the second read's end.
    const many = Array.from({ length: 60_000 }, (_, i) => {
      let word = ''
      for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) word = String.fromCharCode(97 + ((n - 1) % 26)) + word
      return word
    })
    const prefix = `{"precision":8,"l2NormIndex":4,"wordIndex":5,"size":${many.length + 1},"dimensions":4,"words":["`
    const start = ((4 << 20) - Buffer.byteLength(prefix)) % 3 === 0 ? 'x' : ''
    const long = `${start}${'€'.repeat(1_500_000)}`
    const bigVectors = Object.fromEntries(
      many.map((word, i) => [
        word,
        [0, 0, 0, 0].map((_, d) => (d === i % 4 ? 1.2345678901234567 + (i % 7) : 1e-13 * ((i % 5) + 1))),
      ]),
    )
    const bigSource = path.join(temp, 'big.json')
    fs.writeFileSync(bigSource, winkJson({ dimensions: 4, order: many, vectors: bigVectors, words: [long, ...many] }))
    const bytes = fs.readFileSync(bigSource)
    const boundary = 4 << 20
    expect(bytes.length).toBeGreaterThan(2 * boundary)
    expect(bytes.indexOf('"vectors":{')).toBeLessThan(2 * boundary - 1_000_000)
    // The first read ends inside a "€" (0xe2 0x82 0xac): the next byte continues a character.
    expect(bytes[boundary] & 0xc0).toBe(0x80)

    const shares: number[] = []
    const target = path.join(temp, 'big.bin')
    expect(
      await buildWordVectorTable({
        onProgress: (share) => shares.push(share),
        source: bigSource,
        target,
        words: 200_000,
      }),
    ).toEqual({ words: many.length })
    const big = readWordVectorTable(target)
    expect(big.words).toEqual(many)
    const wrong = many.filter((_, i) => [0, 1, 2, 3].some((d) => big.vectors[i * 4 + d] !== (d === i % 4 ? 127 : 0)))
    expect(wrong).toEqual([])
    expect(big.provenance.sourceSha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'))
    expect(big.provenance.sourceBytes).toBe(bytes.length)
    // Partway shares, rising, then 1 at the end.
    expect(shares.at(-1)).toBe(1)
    expect(shares.filter((share) => share > 0 && share < 1).length).toBeGreaterThan(0)
    expect(shares).toEqual([...shares].sort((a, b) => a - b))
  }, 30_000)

  it('fails for a source without "vectors", writing no table', async () => {
    const bad = path.join(temp, 'no-vectors.json')
    fs.writeFileSync(bad, '{"precision":8,"dimensions":4,"words":["the","apple"],"unkVector":[0,0,0,0,-1]}')
    const target = path.join(temp, 'no-vectors.bin')
    await expect(buildWordVectorTable({ source: bad, target })).rejects.toThrow(
      `${bad} has no word list followed by vectors`,
    )
    expect(fs.existsSync(target)).toBe(false)
  })

  it('fails when a kept word has no vector', async () => {
    const bad = path.join(temp, 'missing.json')
    fs.writeFileSync(bad, winkJson({ dimensions: 4, order: ['the'], vectors, words: ['the', 'apple'] }))
    await expect(buildWordVectorTable({ source: bad, target: path.join(temp, 'missing.bin') })).rejects.toThrow(
      'only 1 of 2 words have vectors',
    )
  })
})

describe('the word-vector table file', () => {
  it('round-trips what was written', () => {
    const file = path.join(temp, 'nested', 'round.bin')
    const written = {
      dimensions: 3,
      provenance: { note: 'ünïcode' },
      vectors: Int8Array.from([1, -2, 3, 127, -127, 0]),
      words: ['ab', 'cd'],
    }
    writeWordVectorTable(file, written)
    const read = readWordVectorTable(file)
    expect({ ...read, vectors: [...read.vectors] }).toEqual({ ...written, vectors: [1, -2, 3, 127, -127, 0] })
    // Written aside and renamed: nothing partial is left next to it.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['round.bin'])
  })

  it('rejects a truncated table, and a file that is no table, with a message', async () => {
    await built
    const whole = fs.readFileSync(table)
    const truncated = path.join(temp, 'truncated.bin')
    fs.writeFileSync(truncated, whole.subarray(0, whole.length - 1))
    expect(() => readWordVectorTable(truncated)).toThrow(`${truncated} is truncated: rebuild it`)
    const other = path.join(temp, 'other.bin')
    fs.writeFileSync(other, 'not a table at all')
    expect(() => readWordVectorTable(other)).toThrow(`${other} is not a word-vector table`)
  })
})

describe('word vectors', () => {
  const open = async (options?: Parameters<typeof openWordVectors>[1]) => {
    await built
    return openWordVectors(table, options)
  }

  it('finds neighbours nearest first, cosine at least minSimilarity, without the word itself, weighted weight × cosine', async () => {
    const vectors = await open()
    // "lime" (1), "pear" (1/√2), "fig" (1/√3), "plum" (exactly 0.5); not the, well-known (0) or kiwi (-1).
    expect(rounded(vectors.neighbours('apple'))).toEqual([
      ['lime', 1, 0.7],
      ['pear', 0.707107, 0.494975],
      ['fig', 0.57735, 0.404145],
      ['plum', 0.5, 0.35],
    ])
    expect(rounded(vectors.neighbours('apple', { minSimilarity: 0.6 })).map(([word]) => word)).toEqual(['lime', 'pear'])
    expect(rounded(vectors.neighbours('apple', { count: 2 })).map(([word]) => word)).toEqual(['lime', 'pear'])
    expect(rounded(vectors.neighbours('apple', { minSimilarity: -1 })).map(([word]) => word)).toEqual([
      'lime',
      'pear',
      'fig',
      'plum',
      'the',
      'well-known',
      'kiwi',
    ])
    expect(vectors.neighbours('Apple')).toEqual(vectors.neighbours('apple'))
  })

  it('weights neighbours by the weight option', async () => {
    expect(rounded((await open({ weight: 0.5 })).neighbours('apple', { count: 2 }))).toEqual([
      ['lime', 1, 0.5],
      ['pear', 0.707107, 0.353553],
    ])
  })

  it('has no neighbours for a word outside the table', async () => {
    const vectors = await open()
    expect(vectors.neighbours('banana')).toEqual([])
    // Left out at build: punctuation, and capitalised words.
    expect(vectors.neighbours(',')).toEqual([])
    expect(vectors.neighbours('paris')).toEqual([])
  })

  it('takes neighbours from the `candidates` most frequent words only, yet looks up any word', async () => {
    const vectors = await open({ candidates: 4 })
    expect(vectors.neighbours('apple').map((related) => related.word)).toEqual(['pear', 'plum'])
    expect(vectors.neighbours('lime').map((related) => related.word)).toEqual(['apple', 'pear', 'plum'])
    expect(vectors.similarity('apple', 'lime')).toBeCloseTo(1, 6)
  })

  it('ranks words by frequency in the table', async () => {
    const vectors = await open()
    expect(kept.map((word) => vectors.rank(word))).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(vectors.rank('LIME')).toBe(7)
    expect(vectors.rank('banana')).toBeUndefined()
    expect(vectors.rank('.')).toBeUndefined()
  })

  it('gives the cosine between two words, undefined if either is unknown', async () => {
    const vectors = await open()
    expect(vectors.similarity('apple', 'pear')).toBeCloseTo(Math.SQRT1_2, 6)
    expect(vectors.similarity('Pear', 'APPLE')).toBeCloseTo(Math.SQRT1_2, 6)
    expect(vectors.similarity('apple', 'plum')).toBe(0.5)
    expect(vectors.similarity('apple', 'kiwi')).toBe(-1)
    expect(vectors.similarity('apple', 'the')).toBe(0)
    expect(vectors.similarity('apple', 'apple')).toBe(1)
    expect(vectors.similarity('apple', 'banana')).toBeUndefined()
    expect(vectors.similarity('banana', 'apple')).toBeUndefined()
  })

  it('averages words into a unit vector, the rarer word weighing more, and null when no word is known', async () => {
    const vectors = await open()
    expect([...vectors.average(['apple'])!]).toEqual([1, 0, 0, 0])
    expect([...vectors.average(['banana', 'apple', ','])!]).toEqual([1, 0, 0, 0])
    // "apple" (rank 1) along the first axis, "well-known" (rank 5, rarer) along the second.
    const both = [...vectors.average(['apple', 'well-known'])!]
    expect(Math.hypot(...both)).toBeCloseTo(1, 6)
    expect(both[0]).toBeGreaterThan(0.5)
    expect(both[1]).toBeGreaterThan(both[0])
    expect([both[2], both[3]]).toEqual([0, 0])
    const three = vectors.average(['apple', 'pear', 'fig'])!
    expect(three).toHaveLength(4)
    expect(Math.hypot(...three)).toBeCloseTo(1, 6)
    // Opposite vectors: the rarer "kiwi" (rank 6) outweighs "apple" (rank 1).
    expect([...vectors.average(['apple', 'kiwi'])!]).toEqual([-1, 0, 0, 0])
    expect(vectors.average(['banana', ','])).toBeNull()
    expect(vectors.average([])).toBeNull()
  })
})
