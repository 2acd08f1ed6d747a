import { describe, expect, it } from 'vitest'

import { readEventStream } from '../../packages/payload-chat/src/widget/readEventStream'

/** A response body that arrives in exactly these pieces. */
const bodyOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
      controller.close()
    },
  })

const eventsOf = async (...chunks: string[]) => {
  const events: [string, string][] = []
  await readEventStream(bodyOf(...chunks), (event, data) => events.push([event, data]))
  return events
}

describe('readEventStream (the widget reading an answer)', () => {
  it('reads named events, in order', async () => {
    expect(
      await eventsOf(
        'event: sources\ndata: {"sources":[]}\n\nevent: token\ndata: {"text":"Hi"}\n\nevent: done\ndata: {}\n\n',
      ),
    ).toEqual([
      ['sources', '{"sources":[]}'],
      ['token', '{"text":"Hi"}'],
      ['done', '{}'],
    ])
  })

  it('puts events back together whatever the chunks split, even a character in two bytes', async () => {
    const bytes = new TextEncoder().encode('event: token\ndata: {"text":"café"}\n\n')
    const split = bytes.indexOf(0xc3) + 1 // between the two bytes of "é"
    const events: [string, string][] = []
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 5))
        controller.enqueue(bytes.slice(5, split))
        controller.enqueue(bytes.slice(split))
        controller.close()
      },
    })
    await readEventStream(body, (event, data) => events.push([event, data]))
    expect(events).toEqual([['token', '{"text":"café"}']])
  })

  it('accepts \\r\\n and \\r line ends, including a \\r\\n split across chunks', async () => {
    expect(await eventsOf('event: token\r\ndata: {"text":"a"}\r', '\n\r\nevent: done\rdata: {}\r\r')).toEqual([
      ['token', '{"text":"a"}'],
      ['done', '{}'],
    ])
  })

  it('keeps a last event that lacks its blank line, and joins multi-line data', async () => {
    expect(await eventsOf('data: first\ndata: second\n\nevent: done\ndata: {}')).toEqual([
      ['message', 'first\nsecond'],
      ['done', '{}'],
    ])
  })

  it('skips comments and events without data', async () => {
    expect(await eventsOf(': keep-alive\n\nevent: ping\n\nevent: token\ndata: x\n\n')).toEqual([['token', 'x']])
  })
})
