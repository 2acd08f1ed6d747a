/** WordNet's parts of speech, as its file names spell them. */
export type PartOfSpeech = 'adj' | 'adv' | 'noun' | 'verb'

// WordNet's "morphy" detachment rules: an inflected ending and what replaces it.
const detachments: Record<PartOfSpeech, Array<[string, string]>> = {
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
}

/**
 * The dictionary forms a word may be an inflection of ("hospitals" → "hospital", "scheduling" →
 * "schedule"), as WordNet's morphy finds them: the word itself if the dictionary holds it, and every
 * form left by removing a regular ending that the dictionary holds. Irregular forms ("children") need
 * exception lists, which the npm package of WordNet does not ship.
 */
export function baseForms(word: string, pos: PartOfSpeech, holds: (lemma: string) => boolean): string[] {
  const forms = new Set<string>()
  if (holds(word)) forms.add(word)
  for (const [ending, replacement] of detachments[pos]) {
    if (word.length > ending.length + 1 && word.endsWith(ending)) {
      const form = word.slice(0, -ending.length) + replacement
      if (holds(form)) forms.add(form)
    }
  }
  return [...forms]
}
