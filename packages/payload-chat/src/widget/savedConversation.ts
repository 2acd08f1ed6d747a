import type { Saved, Turn } from './widgetTypes'

/**
 * The conversation kept in localStorage under `key`, so it survives page loads. What is read back is
 * checked turn by turn (another version of the widget, or the host page, may have written it), and
 * blocked or full storage only means the conversation lasts as long as the page. Runs in the browser
 * as part of the widget (see serveWidget.ts), so it must stay self-contained.
 */
export function savedConversation(key: string) {
  const text = (value: unknown) => typeof value === 'string'
  const load = (): Saved => {
    try {
      const saved = JSON.parse(localStorage.getItem(key) || 'null')
      if (saved && Array.isArray(saved.turns)) {
        const turns = (saved.turns as Turn[]).filter(
          (turn) =>
            turn &&
            text(turn.question) &&
            text(turn.answer) &&
            Array.isArray(turn.sources) &&
            turn.sources.every((s) => s && text(s.title) && text(s.url)),
        )
        return { sessionId: text(saved.sessionId) ? saved.sessionId : undefined, turns }
      }
    } catch {
      // storage blocked or corrupt: start afresh
    }
    return { turns: [] }
  }
  /** Keeps the last 30 turns; an answer still streaming is saved as stopped. */
  const store = (saved: Saved) => {
    try {
      const turns = saved.turns
        .slice(-30)
        .map((turn) => (turn.status === 'streaming' ? { ...turn, status: 'stopped' } : turn))
      localStorage.setItem(key, JSON.stringify({ sessionId: saved.sessionId, turns }))
    } catch {
      // storage blocked: the conversation lasts as long as the page
    }
  }
  return { load, store }
}
