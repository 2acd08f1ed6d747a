import type { Access, Endpoint } from 'payload'

import type { ChatContext } from '../context'
import type { AnswerCollection } from '../types'

import { errorResponse, hasControlCharacters, readJson } from '@askfolio/payload-retrieval'

import { writeAnswer } from '../checks/writeAnswer'
import { canReadInsights } from '../insights/insightsAccess'

const maxQuestions = 20

/** Under the API route; the insights offer "Write an answer" only when the config has it. */
export const writeAnswerPath = '/chat/checks/answer'

/** The questions of a body, or what is wrong with them. */
export function parseQuestions(body: Record<string, unknown>, maxChars: number): { error: string } | string[] {
  const { questions } = body
  if (!Array.isArray(questions) || questions.length === 0 || questions.length > maxQuestions)
    return { error: `"questions" must be a list of 1 to ${maxQuestions} questions.` }
  const texts: string[] = []
  for (const question of questions) {
    const text = typeof question === 'string' ? question.trim() : ''
    if (!text || text.length > maxChars || hasControlCharacters(text))
      return { error: `Each question must be text of 1 to ${maxChars} characters, without control characters.` }
    if (!texts.includes(text)) texts.push(text)
  }
  return texts
}

/** A Payload error's status and message (Forbidden, ValidationError), or nothing for anything else. */
const apiError = (error: unknown) => {
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' && status >= 400 && status < 500 && error instanceof Error
    ? { message: error.message, status }
    : null
}

/**
 * `POST /api/chat/checks/answer` `{ questions: [...] }`: creates a draft in the answer collection
 * from unanswered questions, and an answer check for each (201 with the draft's collection and id).
 * For editors who may read the insights (403 otherwise), and the draft needs their create right on
 * the collection (403 without, and nothing is created).
 */
export const writeAnswerEndpoint = (
  context: Pick<ChatContext, 'limits'>,
  read: Access,
  target: AnswerCollection,
): Endpoint => ({
  handler: async (req) => {
    if (!req.user || !(await canReadInsights(read, req)))
      return errorResponse(403, 'You are not allowed to write answers from the chat insights.')
    const body = await readJson(req, { maxBytes: context.limits.bodyBytes })
    if (body instanceof Response) return body
    const questions = parseQuestions(body, context.limits.messageChars)
    if ('error' in questions) return errorResponse(400, questions.error)
    try {
      return Response.json(await writeAnswer(req, target, questions), { status: 201 })
    } catch (error) {
      const known = apiError(error)
      if (!known) throw error
      return errorResponse(known.status, known.message)
    }
  },
  method: 'post',
  path: writeAnswerPath,
})
