import type { Endpoint, PayloadRequest } from 'payload'

import type { ChatContext } from '../context'

import { clientAddressOf, errorResponse, hitRateLimits, readJson, tooManyRequests } from '@askfolio/payload-retrieval'

import { answerQuestion, type ChatOutcome } from '../answer/answerQuestion'
import { publicSource } from '../answer/selectSources'
import { newPublicId } from '../session/publicId'
import { recordMessage } from '../session/recordMessage'
import { corsFor } from './cors'
import { openConversation } from './openConversation'
import { validateQuestion } from './validateQuestion'

const failedMessage = 'The answer could not be generated. Please try again in a moment.'

/**
 * `POST /api/chat` `{ message, sessionId? }`. Answers as JSON, or as server-sent events when the
 * client accepts `text/event-stream`: `sources` once, `token` many times, then `done` or `error`.
 */
export const chatEndpoint = (context: ChatContext): Endpoint => ({
  handler: async (req: PayloadRequest) => {
    const { payload } = req
    const cors = corsFor(context, req)
    if (cors.refused) return errorResponse(403, 'This site may not use the chat.', cors.headers)

    const body = await readJson(req, { headers: cors.headers, maxBytes: context.limits.bodyBytes })
    if (body instanceof Response) return body
    const question = validateQuestion(body, context, cors.headers)
    if (question instanceof Response) return question

    // One statement; the session's count is only touched once the address's allows the question.
    const decision = await hitRateLimits(payload, [
      { key: `chat:ip:${clientAddressOf(req)}`, rule: context.limits.perIp },
      ...(question.sessionId ? [{ key: `chat:session:${question.sessionId}`, rule: context.limits.perSession }] : []),
    ])
    if (!decision.allowed) return tooManyRequests(decision, cors.headers)

    const conversation = await openConversation(req, context, question.sessionId, cors.headers)
    if (conversation instanceof Response) return conversation
    const { history, session: current } = conversation
    const messageId = newPublicId()
    const stopped = new AbortController()
    const signal = req.signal ? AbortSignal.any([req.signal, stopped.signal]) : stopped.signal
    const input = { history, question: question.message, signal }
    const finish = async (outcome: ChatOutcome) => {
      await recordMessage(payload, {
        model: context.model.id,
        outcome,
        publicId: messageId,
        question: question.message,
        session: current,
      })
      if (outcome.status === 'failed')
        payload.logger.error({ msg: `chat: the answer failed: ${outcome.error}`, sessionId: current.publicId })
    }

    if (!req.headers.get('accept')?.includes('text/event-stream')) {
      const outcome = await answerQuestion(payload, context, input, { onSources: () => {}, onToken: () => {} })
      await finish(outcome)
      if (outcome.status === 'failed') {
        return Response.json(
          { errors: [{ message: failedMessage }], messageId, sessionId: current.publicId },
          { headers: cors.headers, status: 502 },
        )
      }
      return Response.json(
        {
          answer: outcome.answer,
          confidence: outcome.confidence,
          messageId,
          sessionId: current.publicId,
          sources: outcome.sources.map(publicSource),
        },
        { headers: cors.headers },
      )
    }

    const encoder = new TextEncoder()
    const stream = new ReadableStream<Uint8Array>({
      cancel: () => stopped.abort(new Error('The client went away.')),
      async start(controller) {
        const send = (event: string, data: unknown) => {
          try {
            controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`))
          } catch {
            // the client is gone; the answer is still recorded
          }
        }
        const outcome = await answerQuestion(payload, context, input, {
          onSources: (sources) =>
            send('sources', { messageId, sessionId: current.publicId, sources: sources.map(publicSource) }),
          onToken: (text) => send('token', { text }),
        })
        try {
          await finish(outcome)
        } catch (error) {
          outcome.status = 'failed'
          payload.logger.error({ err: error, msg: 'chat: could not record the answer', sessionId: current.publicId })
        }
        if (outcome.status === 'failed') send('error', { message: failedMessage })
        else if (outcome.status === 'complete')
          send('done', {
            confidence: outcome.confidence,
            messageId,
            sessionId: current.publicId,
            unanswered: outcome.unanswered,
          })
        try {
          controller.close()
        } catch {
          // already closed by the client
        }
      },
    })
    return new Response(stream, {
      headers: {
        ...cors.headers,
        'Cache-Control': 'no-cache, no-transform',
        'Content-Type': 'text/event-stream; charset=utf-8',
        'X-Accel-Buffering': 'no',
      },
    })
  },
  method: 'post',
  path: '/chat',
})
