import { promptCanary } from './prompt'

/**
 * Passes an answer's pieces through, holding back just enough text to notice the system prompt's
 * marker; if the model starts repeating its instructions, the answer ends there, marker unseen.
 */
export async function* guardAnswer(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  let held = ''
  for await (const piece of pieces) {
    held += piece
    const at = held.indexOf(promptCanary)
    if (at >= 0) {
      if (at > 0) yield held.slice(0, at)
      throw new Error('The answer started to repeat its instructions and was stopped.')
    }
    const safe = held.length - (promptCanary.length - 1)
    if (safe > 0) {
      yield held.slice(0, safe)
      held = held.slice(safe)
    }
  }
  if (held) yield held
}
