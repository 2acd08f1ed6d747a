/**
 * Reads a server-sent event stream to its end, calling `onEvent` with each event's name and data
 * (its `data:` lines joined by newlines). Lines may end in \n, \r\n or \r, and chunks may split them
 * anywhere; a last event without its blank line still counts. Comments and events without data are
 * skipped, as EventSource does.
 *
 * It runs in the visitor's browser as part of the widget (serveWidget.ts sends its source), so, like
 * askfolioWidget, it must stay self-contained.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let pendingCr = false
  const dispatch = (block: string) => {
    let event = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim()
      else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5))
    }
    if (data.length) onEvent(event, data.join('\n'))
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      // A \r at the end of a chunk waits to see whether \n follows it.
      let chunk: string = (pendingCr ? '\r' : '') + (done ? decoder.decode() : decoder.decode(value, { stream: true }))
      pendingCr = !done && chunk.endsWith('\r')
      if (pendingCr) chunk = chunk.slice(0, -1)
      buffer += chunk.replace(/\r\n?/g, '\n')
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end))
        buffer = buffer.slice(end + 2)
      }
      if (done) {
        if (buffer.trim()) dispatch(buffer)
        return
      }
    }
  } finally {
    reader.cancel().catch(() => {})
  }
}
