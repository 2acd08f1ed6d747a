import type { Payload } from 'payload'

import type { RunTrigger } from './checksCollection'

import { type ChatContext, getChatContext } from '../context'
import { type AnswerCheckDoc, type BrokenBy, checksStore } from './checksStore'
import { runCheck } from './runCheck'

/** The publish whose indexing started a run: it is what a check that fails now was broken by. */
export type PublishTrigger = { at: string; collection: string; documentId: string; userId?: string }

export type RunChecksOptions = {
  /** Called as each check finishes (a script's progress). */
  onResult?: (result: CheckRunResult) => void
  /** The publish that started the run, if one did. */
  publish?: PublishTrigger
  trigger: RunTrigger
}

export type CheckRunResult = { id: number | string; pass: boolean; question: string; reason: string }

export type ChecksSummary = { failed: number; passed: number; results: CheckRunResult[] }

const pageSize = 100

/**
 * Runs every answer check through the chat's own path and records each result. `brokenBy` follows
 * the result: a check that passed before and fails now is broken by the run's publish (when a
 * publish started the run; otherwise the time is known and the document is not), a failing check
 * keeps what first broke it, and a passing one has none. Checks run one after the other, so a run
 * costs the chat no more than one visitor asking in turn.
 */
export async function runAnswerChecks(
  payload: Payload,
  options: RunChecksOptions,
  context: ChatContext = getChatContext(payload),
): Promise<ChecksSummary> {
  const results: CheckRunResult[] = []
  for (let page = 1; ; page++) {
    const { docs, hasNextPage } = await checksStore.find(payload, {
      depth: 0,
      limit: pageSize,
      overrideAccess: true,
      page,
      sort: 'id',
    })
    for (const check of docs) {
      const result = await runAndRecord(payload, context, check, options)
      results.push(result)
      options.onResult?.(result)
    }
    if (!hasNextPage) break
  }
  const passed = results.filter((result) => result.pass).length
  return { failed: results.length - passed, passed, results }
}

async function runAndRecord(
  payload: Payload,
  context: ChatContext,
  check: AnswerCheckDoc,
  options: RunChecksOptions,
): Promise<CheckRunResult> {
  const ranAt = new Date().toISOString()
  const result = await runCheck(payload, context, check)
  await checksStore.update(
    payload,
    check.id,
    {
      brokenBy: brokenByAfter(check, result.pass, ranAt, options.publish),
      lastAnswer: result.answer,
      lastReason: result.reason,
      lastResult: result.pass ? 'pass' : 'fail',
      lastRunAt: ranAt,
      lastRunBy: options.trigger,
    },
    { depth: 0, overrideAccess: true },
  )
  return { id: check.id, pass: result.pass, question: check.question, reason: result.reason }
}

const none: BrokenBy = { at: null, collection: null, documentId: null, userId: null }

/** What broke a check after this run: only a pass-to-fail change names a new culprit. */
export function brokenByAfter(check: AnswerCheckDoc, pass: boolean, ranAt: string, publish?: PublishTrigger): BrokenBy {
  if (pass) return none
  if (check.lastResult !== 'pass') return check.brokenBy ?? none
  if (!publish) return { ...none, at: ranAt }
  return {
    at: publish.at,
    collection: publish.collection,
    documentId: publish.documentId,
    userId: publish.userId ?? null,
  }
}
