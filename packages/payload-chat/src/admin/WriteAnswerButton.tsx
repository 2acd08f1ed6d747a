'use client'
import { Button, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'
import React, { useState } from 'react'

/**
 * "Write an answer" beside an unanswered question: asks the chat plugin for a draft made from the
 * questions (and their answer checks), then opens the draft for editing. The server decides whether
 * the editor may; its message is shown when they may not.
 */
export function WriteAnswerButton({ questions }: { questions: string[] }) {
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')

  const write = async () => {
    setBusy(true)
    setProblem('')
    try {
      const res = await fetch(`${config.serverURL}${config.routes.api}/chat/checks/answer`, {
        body: JSON.stringify({ questions }),
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const body = await res.json().catch(() => ({}))
      if (!res.ok) {
        setProblem(body?.errors?.[0]?.message ?? `The draft could not be created (${res.status}).`)
        return
      }
      router.push(
        formatAdminURL({ adminRoute: config.routes.admin, path: `/collections/${body.collection}/${body.id}` }),
      )
    } catch {
      setProblem('The server could not be reached.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <span data-testid="write-answer">
      <Button buttonStyle="secondary" disabled={busy} margin={false} onClick={write} size="small">
        Write an answer
      </Button>
      {problem && (
        <span role="alert" style={{ color: 'var(--theme-error-500)', display: 'block', fontSize: '0.85em' }}>
          {problem}
        </span>
      )}
    </span>
  )
}
