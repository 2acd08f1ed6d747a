import type { Saved, Source, Turn, WidgetParts } from './widgetTypes'

/**
 * The embeddable chat widget: `<askfolio-chat>`, a custom element with a shadow root, a launcher and
 * a panel that streams answers from `POST /api/chat` and cites their sources.
 *
 * This function runs in the visitor's browser, not here: serveWidget.ts sends its source text as
 * `/widget.js`, calling it with the stylesheet and the other parts (DOM building, failure messages,
 * the event-stream reader, the saved conversation), each sent the same way. So it must stay
 * self-contained: no imports but types, nothing from the enclosing module, no class fields (a
 * compiler could turn them into helper calls). Text from the network only ever enters the page as
 * text nodes and `href`s checked to be http(s).
 */
export function askfolioWidget(styles: string, parts: WidgetParts): void {
  'use strict'
  const tag = 'askfolio-chat'
  // No `typeof window` guard: a server bundler treats that as a constant and would drop this body.
  if (customElements.get(tag)) return
  // `document.currentScript` can be shadowed by any element named "currentScript" on the host page,
  // so only a real script element counts; failing that, the tag that loaded this file.
  const current = document.currentScript
  const script =
    current instanceof HTMLScriptElement && current.src
      ? current
      : document.querySelector<HTMLScriptElement>('script[src$="/widget.js"]')
  const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin
  const { h, icons, linkTo } = parts.createDom()
  const failures = parts.describeFailures()

  class AskfolioChat extends HTMLElement {
    declare api: string
    declare busy: AbortController | null
    declare els: Record<string, HTMLElement>
    declare saved: Saved
    declare intro: string
    declare launcherText: string
    declare storage: ReturnType<WidgetParts['savedConversation']>
    declare suggested: null | string[]

    connectedCallback() {
      if (this.els) return
      const settings = { ...(script?.dataset ?? {}), ...this.dataset }
      this.api = (settings.api || scriptOrigin).replace(/\/+$/, '')
      this.storage = parts.savedConversation(`askfolio-chat:${this.api}`)
      for (const name of ['theme', 'position'])
        if (settings[name] && !this.dataset[name]) this.dataset[name] = settings[name] as string
      if (settings.accent) this.style.setProperty('--askfolio-accent', settings.accent)
      this.saved = this.storage.load()
      this.busy = null
      this.suggested = null
      const title = settings.title || 'Ask this site'

      const root = this.attachShadow({ mode: 'open' })
      const launcher = h('button', {
        'aria-controls': 'panel',
        'aria-expanded': 'false',
        class: 'launcher',
        type: 'button',
      })
      launcher.innerHTML = icons.chat
      launcher.append(h('span', {}, ''))
      this.launcherText = settings.label || 'Ask a question'
      this.intro =
        settings.intro || 'Ask about this site. Answers come from its published pages and link to their sources.'
      // Not a live region: the status line below announces each answer once, when it is complete.
      const log = h('div', { 'aria-label': 'Conversation', class: 'log', role: 'region', tabindex: '0' })
      const input = h('textarea', {
        'aria-describedby': 'hint',
        id: 'q',
        maxlength: '2000',
        name: 'question',
        placeholder: 'Ask a question…',
        rows: '1',
      })
      const send = h('button', { class: 'send', type: 'submit' }, 'Send')
      const form = h('form', {}, h('label', { class: 'sr', for: 'q' }, 'Your question'), input, send)
      const panel = h(
        'section',
        { 'aria-labelledby': 'title', class: 'panel', hidden: '', id: 'panel', role: 'dialog' },
        h(
          'header',
          {},
          h('h2', { id: 'title' }, title),
          h(
            'button',
            { 'aria-label': 'Start a new conversation', class: 'icon', 'data-action': 'reset', type: 'button' },
            'New',
          ),
          h('button', { 'aria-label': 'Close the chat', class: 'icon', 'data-action': 'close', type: 'button' }, '✕'),
        ),
        log,
        h('p', { class: 'sr', id: 'hint' }, 'Press Enter to send, Shift+Enter for a new line, Escape to close.'),
        form,
        h('div', { 'aria-live': 'polite', class: 'sr', role: 'status' }),
      )
      root.append(h('style', {}, styles), panel, launcher)
      this.els = { form, input, launcher, log, panel, send, status: panel.lastElementChild as HTMLElement }

      launcher.addEventListener('click', () => (panel.hidden ? this.open() : this.close()))
      panel.addEventListener('click', (event) => {
        const action = (event.target as HTMLElement).closest('[data-action]')?.getAttribute('data-action')
        if (action === 'close') this.close()
        if (action === 'reset') this.reset()
      })
      panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') this.close()
      })
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault()
          // While an answer streams, Enter keeps the next question in the box; Stop is the button.
          if (!this.busy) (form as HTMLFormElement).requestSubmit()
        }
      })
      input.addEventListener('input', () => {
        input.style.height = 'auto'
        input.style.height = `${Math.min(input.scrollHeight, 140)}px`
      })
      // A click on a cited source counts (by its address only), for the editors' "cited, never followed".
      log.addEventListener('click', (event) => {
        const link = (event.target as HTMLElement).closest('a')
        if (link && (link.classList.contains('cite') || link.closest('.sources')))
          this.track('click', link.getAttribute('href') ?? '')
      })
      form.addEventListener('submit', (event) => {
        event.preventDefault()
        if (this.busy) return this.stop()
        const question = (input as HTMLTextAreaElement).value.trim()
        if (question) void this.send(question)
      })
      this.setOpen(false)
      this.render()
      this.track('view')
    }

    /**
     * Counts one event for the site's editors: its kind, this page's path and a clicked source's
     * address, nothing about the visitor (no cookie, no id). Not sent when the browser asks sites
     * not to track (Do Not Track, Global Privacy Control).
     */
    track(kind: string, target?: string) {
      const nav = navigator as Navigator & { globalPrivacyControl?: boolean }
      if (nav.doNotTrack === '1' || nav.globalPrivacyControl) return
      const body = JSON.stringify({ events: [{ kind, page: location.pathname, ...(target ? { target } : {}) }] })
      const url = `${this.api}/api/chat/events`
      // A beacon outlives the page (a click that navigates away); text/plain needs no preflight.
      if (!navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' })))
        void fetch(url, { body, keepalive: true, method: 'POST' }).catch(() => {})
    }

    /** The questions this page offers before the first one, asked for once, on the first open. */
    async suggest() {
      if (this.suggested) return
      this.suggested = []
      try {
        const res = await fetch(`${this.api}/api/chat/suggestions?page=${encodeURIComponent(location.pathname)}`)
        const data = res.ok ? await res.json() : null
        const list: unknown[] = Array.isArray(data?.questions) ? data.questions : []
        this.suggested = list.filter((q): q is string => typeof q === 'string').slice(0, 5)
      } catch {
        // No suggestions: the visitor can still ask.
      }
      if (this.saved.turns.length === 0 && this.suggested.length) this.render()
    }

    setOpen(open: boolean) {
      this.els.panel.hidden = !open
      this.els.launcher.setAttribute('aria-expanded', String(open))
      this.els.launcher.lastElementChild!.textContent = open ? 'Close' : this.launcherText
    }

    open() {
      if (this.els.panel.hidden) {
        this.track('open')
        void this.suggest()
      }
      this.setOpen(true)
      this.els.log.scrollTop = this.els.log.scrollHeight
      this.els.input.focus()
    }

    close() {
      if (this.els.panel.hidden) return
      this.setOpen(false)
      this.els.launcher.focus()
    }

    stop() {
      this.busy?.abort()
    }

    reset() {
      this.stop()
      this.busy = null
      this.setBusy(false)
      this.saved = { turns: [] }
      this.store()
      this.render()
      this.announce('New conversation.')
      this.els.input.focus()
    }

    store() {
      this.storage.store(this.saved)
    }

    announce(text: string) {
      this.els.status.textContent = ''
      setTimeout(() => (this.els.status.textContent = text), 50)
    }

    /** For host pages: opens the panel and asks. */
    ask(question: string) {
      this.open()
      return this.busy ? Promise.resolve() : this.send(question)
    }

    async send(question: string, retried = false): Promise<void> {
      const input = this.els.input as HTMLTextAreaElement
      const turn: Turn = { answer: '', question, sources: [], status: 'streaming' }
      if (!retried) {
        this.track('question')
        this.saved.turns.push(turn)
        for (const node of this.els.log.querySelectorAll('.intro, .suggest')) node.remove()
        this.els.log.append(h('div', { class: 'q' }, question), h('article', { class: 'a' }))
      } else this.saved.turns[this.saved.turns.length - 1] = turn
      this.renderTurn(turn)
      this.els.log.scrollTop = this.els.log.scrollHeight
      input.value = ''
      input.style.height = ''
      const controller = new AbortController()
      this.busy = controller
      this.setBusy(true)
      this.announce('Answering…')
      let sessionProblem = false
      let answered = false
      let finished = false
      try {
        const res = await fetch(`${this.api}/api/chat`, {
          body: JSON.stringify({
            message: question,
            ...(this.saved.sessionId ? { sessionId: this.saved.sessionId } : {}),
          }),
          headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
          method: 'POST',
          signal: controller.signal,
        })
        answered = true
        if (!res.ok || !res.body) {
          turn.error = await failures.forResponse(res)
          sessionProblem =
            res.status === 400 && Boolean(this.saved.sessionId) && /session|conversation/i.test(turn.error)
        } else finished = await this.readStream(res.body, turn)
      } catch {
        if (!controller.signal.aborted) turn.error = answered ? failures.cutOff : await failures.forNoResponse(this.api)
      } finally {
        if (this.busy === controller) {
          this.busy = null
          this.setBusy(false)
        }
      }
      // A reset during the answer has thrown this turn away.
      if (!this.saved.turns.includes(turn)) return
      if (sessionProblem && !retried) {
        // The conversation is gone or full: carry on in a new one rather than stopping the visitor.
        this.saved.sessionId = undefined
        return this.send(question, true)
      }
      if (turn.error) turn.status = 'error'
      else if (finished) turn.status = 'done'
      else if (controller.signal.aborted) turn.status = 'stopped'
      else {
        turn.status = 'error'
        turn.error = failures.cutOff
      }
      if (turn.status === 'error' && !input.value) input.value = question
      this.store()
      this.renderTurn(turn)
      this.announce(
        turn.status === 'done'
          ? `Answer: ${turn.answer}`
          : turn.status === 'stopped'
            ? 'Answer stopped.'
            : (turn.error ?? ''),
      )
    }

    /** Reads the answer's events into `turn`; true when the server said it was done. */
    async readStream(body: ReadableStream<Uint8Array>, turn: Turn): Promise<boolean> {
      let finished = false
      await parts.readEventStream(body, (event, data) => {
        let payload: Record<string, unknown>
        try {
          payload = JSON.parse(data) ?? {}
        } catch {
          return // not ours to understand: skip it
        }
        if (typeof payload.sessionId === 'string') this.saved.sessionId = payload.sessionId
        if (typeof payload.messageId === 'string') turn.messageId = payload.messageId
        if (event === 'sources' && Array.isArray(payload.sources)) {
          // The label names the page of a PDF ("CV, page 3"); answers from older servers have none.
          turn.sources = payload.sources.map((s: Source & { label?: string }) => ({
            title: String(s?.label || s?.title || ''),
            url: String(s?.url ?? ''),
          }))
        }
        if (event === 'token' && typeof payload.text === 'string') turn.answer += payload.text
        if (event === 'error')
          turn.error = typeof payload.message === 'string' ? payload.message : 'The answer could not be generated.'
        if (event === 'done') {
          finished = true
          turn.unanswered = Boolean(payload.unanswered)
          if (payload.confidence === 'high' || payload.confidence === 'middle' || payload.confidence === 'low')
            turn.confidence = payload.confidence
        }
        this.renderTurn(turn)
      })
      return finished
    }

    async rate(turn: Turn, rating: 'down' | 'up') {
      if (!turn.messageId || turn.rating) return
      turn.rating = rating
      this.showRating(turn)
      try {
        const res = await fetch(`${this.api}/api/chat/feedback`, {
          body: JSON.stringify({ messageId: turn.messageId, rating }),
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        })
        if (!res.ok && res.status !== 409) throw new Error(await failures.forResponse(res))
        this.announce('Thanks for the feedback.')
      } catch (error) {
        turn.rating = undefined
        this.announce(error instanceof TypeError ? failures.offline : (error as Error).message)
      }
      this.store()
      this.showRating(turn)
    }

    /** Updates the buttons in place, so keyboard focus stays on the one pressed. */
    showRating(turn: Turn) {
      const article = this.els.log.querySelectorAll('article.a')[this.saved.turns.indexOf(turn)]
      for (const button of article?.querySelectorAll('.rate button') ?? []) {
        button.setAttribute('aria-pressed', String(button.getAttribute('data-rating') === turn.rating))
        button.setAttribute('aria-disabled', String(Boolean(turn.rating)))
      }
    }

    setBusy(busy: boolean) {
      const send = this.els.send
      send.textContent = busy ? 'Stop' : 'Send'
      if (busy) send.setAttribute('aria-label', 'Stop the answer')
      else send.removeAttribute('aria-label')
    }

    render() {
      const log = this.els.log
      log.replaceChildren()
      if (this.saved.turns.length === 0) {
        log.append(h('p', { class: 'intro' }, this.intro))
        if (this.suggested?.length) log.append(this.suggestions(this.suggested))
      }
      for (const turn of this.saved.turns) {
        log.append(h('div', { class: 'q' }, turn.question), h('article', { class: 'a' }))
        this.renderTurn(turn, log.lastElementChild as HTMLElement)
      }
      log.scrollTop = log.scrollHeight
    }

    renderTurn(turn: Turn, node?: HTMLElement) {
      const index = this.saved.turns.indexOf(turn)
      const target = node ?? (this.els.log.querySelectorAll('article.a')[index] as HTMLElement | undefined)
      if (!target) return
      const nearBottom = this.els.log.scrollHeight - this.els.log.scrollTop - this.els.log.clientHeight < 40
      // Redrawing must not drop keyboard focus: remember the focused control by its place in the answer.
      const focusables = () => [...target.querySelectorAll<HTMLElement>('a, button')]
      const active = (this.shadowRoot as ShadowRoot).activeElement as HTMLElement | null
      const focusedAt = active && target.contains(active) ? focusables().indexOf(active) : -1
      target.setAttribute('aria-busy', String(turn.status === 'streaming'))
      target.replaceChildren()
      if (turn.status === 'streaming' && !turn.answer) {
        target.append(h('span', { class: 'typing', role: 'img', 'aria-label': 'Typing' }, h('i'), h('i'), h('i')))
      }
      if (turn.answer) target.append(this.answerText(turn))
      const cited = turn.unanswered ? [] : turn.sources
      if (cited.length && turn.answer) {
        const label = turn.confidence === 'middle' ? 'Pages that may help' : 'Sources'
        target.append(
          h(
            'ol',
            { 'aria-label': label, class: 'sources' },
            ...cited.map((s) => h('li', {}, linkTo(s.url, this.api, {}, s.title))),
          ),
        )
      }
      if (turn.status === 'stopped') target.append(h('p', { class: 'note' }, 'Stopped.'))
      // Not an alert: the status line announces a new error once; a redraw must not repeat old ones.
      if (turn.error) target.append(h('p', { class: 'error' }, turn.error))
      if (turn.status === 'done' && turn.messageId) target.append(this.ratingButtons(turn))
      if (focusedAt >= 0) (focusables()[focusedAt] ?? focusables().at(-1) ?? this.els.input).focus()
      if (nearBottom) this.els.log.scrollTop = this.els.log.scrollHeight
    }

    answerText(turn: Turn) {
      const text = h('div', { class: 'text' })
      let last = 0
      for (const match of turn.answer.matchAll(/\[(\d+)\]/g)) {
        const source = turn.sources[Number(match[1]) - 1]
        if (!source) continue
        text.append(turn.answer.slice(last, match.index))
        text.append(
          linkTo(
            source.url,
            this.api,
            { 'aria-label': `Source ${match[1]}: ${source.title}`, class: 'cite' },
            match[0],
          ),
        )
        last = (match.index ?? 0) + match[0].length
      }
      text.append(turn.answer.slice(last))
      return text
    }

    suggestions(questions: string[]) {
      const list = h('ul', { 'aria-label': 'Suggested questions', class: 'suggest' })
      for (const question of questions) {
        const button = h('button', { type: 'button' }, question)
        button.addEventListener('click', () => void this.ask(question))
        list.append(h('li', {}, button))
      }
      return list
    }

    ratingButtons(turn: Turn) {
      const group = h('div', { 'aria-label': 'Was this answer helpful?', class: 'rate', role: 'group' })
      for (const [rating, label] of [
        ['up', 'Helpful'],
        ['down', 'Not helpful'],
      ] as const) {
        const button = h('button', {
          'aria-disabled': String(Boolean(turn.rating)),
          'aria-label': label,
          'aria-pressed': String(turn.rating === rating),
          'data-rating': rating,
          type: 'button',
        })
        button.innerHTML = icons.thumb
        button.addEventListener('click', () => void this.rate(turn, rating))
        group.append(button)
      }
      return group
    }
  }

  customElements.define(tag, AskfolioChat)
  const mount = () => {
    if (!document.querySelector(tag)) document.body.append(document.createElement(tag))
  }
  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', mount)
}
