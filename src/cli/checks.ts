/**
 * `npm run checks`: runs every answer check through the chat, as the jobs after a publish do, and
 * prints one line per check and a summary. Exits 1 when any check fails (or the run cannot start),
 * so a deploy can wait on it.
 */
import { runAnswerChecks } from '@askfolio/payload-chat'
import { BasePayload } from 'payload'

import { prepareEnvironment } from '../server/prepareEnvironment'

prepareEnvironment()
const { default: config } = await import('../../payload.config')
const payload = await new BasePayload().init({ config })
let code = 0
try {
  let ran = 0
  const summary = await runAnswerChecks(payload, {
    // One line as each check finishes: a long list shows its progress.
    onResult: (result) => {
      ran++
      console.log(
        `${result.pass ? 'PASS' : 'FAIL'} ${ran}. ${result.question}${result.pass ? '' : ` — ${result.reason}`}`,
      )
    },
    trigger: 'command',
  })
  console.log(
    summary.results.length === 0
      ? 'No answer checks to run.'
      : `${summary.passed} passed, ${summary.failed} failed, of ${summary.results.length} answer check(s).`,
  )
  if (summary.failed > 0) code = 1
} catch (error) {
  console.error(`[checks] ${error instanceof Error ? error.message : String(error)}`)
  code = 1
} finally {
  await payload.destroy()
}
process.exit(code)
