'use client'
import { Button, useConfig } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

type Run = { embedded: number; error?: string; failed: number; processed: number; state: string; total: number }

/** Above the search-index list: documents per state, the latest bulk reindex with its live progress, and a button to start one. */
export function ReindexPanel() {
  const { config } = useConfig()
  const api = `${config.serverURL}${config.routes.api}`
  const [run, setRun] = useState<null | Run>(null)
  const [states, setStates] = useState<null | Record<string, number>>(null)
  const [message, setMessage] = useState<null | string>(null)

  const load = useCallback(async () => {
    const res = await fetch(`${api}/retrieval/reindex`, { credentials: 'include' })
    if (!res.ok) return
    const body = await res.json()
    setRun(body.run)
    setStates(body.states)
  }, [api])

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    if (run?.state !== 'running') return
    const timer = setInterval(() => void load(), 1500)
    return () => clearInterval(timer)
  }, [load, run?.state])

  const start = async () => {
    const res = await fetch(`${api}/retrieval/reindex`, { credentials: 'include', method: 'POST' })
    const body = await res.json()
    setMessage(res.ok ? null : (body.errors?.[0]?.message ?? `Error ${res.status}`))
    if (body.run) setRun(body.run)
  }

  const percent = run && run.total > 0 ? Math.round((run.processed / run.total) * 100) : 0
  return (
    <div
      data-testid="reindex-panel"
      style={{
        alignItems: 'center',
        display: 'flex',
        flexWrap: 'wrap',
        gap: 'var(--base)',
        marginBottom: 'var(--base)',
      }}
    >
      <Button
        buttonStyle="secondary"
        disabled={run?.state === 'running'}
        margin={false}
        onClick={() => void start()}
        size="small"
      >
        Reindex everything
      </Button>
      {run && (
        <span>
          Last run: <strong>{run.state}</strong> · {run.processed}/{run.total} documents ({percent}%) · {run.embedded}{' '}
          chunks embedded
          {run.failed > 0 && ` · ${run.failed} failed`}
        </span>
      )}
      {run?.state === 'running' && (
        <progress max={100} style={{ minWidth: '12rem' }} value={percent}>
          {percent}%
        </progress>
      )}
      {message && <span style={{ color: 'var(--theme-error-500)' }}>{message}</span>}
      {states && (
        <span data-testid="index-summary" style={{ marginLeft: 'auto' }}>
          {states.indexed} indexed · {states.pending} pending ·{' '}
          <span style={{ color: states.failed ? 'var(--theme-error-500)' : undefined }}>{states.failed} failed</span> ·{' '}
          {states['not-indexed']} not indexed
        </span>
      )}
    </div>
  )
}
