export type SseEvent = { data: any; event: string }

export type SseResponse = { events: SseEvent[]; headers: Headers; status: number; text: string }

/**
 * POSTs with `Accept: text/event-stream` and reads the server-sent events as they arrive. With
 * `stopWhen`, the client hangs up as soon as it returns true (a visitor closing the widget).
 */
export async function postForEvents(
  url: string,
  body: unknown,
  { headers = {}, stopWhen }: { headers?: Record<string, string>; stopWhen?: (events: SseEvent[]) => boolean } = {},
): Promise<SseResponse> {
  const hangUp = new AbortController()
  const response = await fetch(url, {
    body: JSON.stringify(body),
    headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', ...headers },
    method: 'POST',
    signal: hangUp.signal,
  })
  const events: SseEvent[] = []
  if (!response.headers.get('content-type')?.includes('text/event-stream')) {
    return { events, headers: response.headers, status: response.status, text: await response.text() }
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  let text = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += value
      buffer += value
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n')
        events.push({ data: data ? JSON.parse(data) : null, event })
      }
      if (stopWhen?.(events)) {
        hangUp.abort()
        break
      }
    }
  } catch (error) {
    if (!hangUp.signal.aborted) throw error
  }
  return { events, headers: response.headers, status: response.status, text }
}

/** The answer's text, put back together from its `token` events. */
export const tokensOf = (events: SseEvent[]) =>
  events
    .filter((event) => event.event === 'token')
    .map((event) => event.data.text as string)
    .join('')
