import type { PayloadRequest } from 'payload'

import type { AnswerCollection } from '../types'

import { collectionStore } from '@askfolio/payload-retrieval'
import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { checksStore } from './checksStore'

export type WrittenAnswer = { checks: (number | string)[]; collection: string; id: number | string }

/**
 * "Write an answer": a draft in the host's answer collection, made from the questions, and one
 * answer check per question expecting that draft to be cited once it is published. Both are created
 * with the editor's own access (`overrideAccess: false`), so the draft needs their create right on
 * that collection, and in one transaction, so a refusal leaves neither.
 */
export async function writeAnswer(
  req: PayloadRequest,
  target: AnswerCollection,
  questions: string[],
): Promise<WrittenAnswer> {
  const ownTransaction = await initTransaction(req)
  try {
    const draft = await collectionStore(target.slug).create(
      req.payload,
      { ...target.fromQuestions(questions), _status: 'draft' },
      { depth: 0, draft: true, overrideAccess: false, req },
    )
    const checks = []
    for (const question of questions) {
      const check = await checksStore.create(
        req.payload,
        { expectedCollection: target.slug, expectedId: String(draft.id), question },
        { depth: 0, overrideAccess: false, req },
      )
      checks.push(check.id)
    }
    if (ownTransaction) await commitTransaction(req)
    return { checks, collection: target.slug, id: draft.id }
  } catch (error) {
    if (ownTransaction) await killTransaction(req)
    throw error
  }
}
