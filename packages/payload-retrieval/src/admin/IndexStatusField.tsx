'use client'
import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

type Status = { chunks: number; error: null | string; indexedAt: null | string; pending: boolean; state: string }

const labels: Record<string, string> = {
  failed: 'Failed',
  indexed: 'Indexed',
  'not-indexed': 'Not indexed',
  pending: 'Pending',
}

const colours: Record<string, string> = {
  failed: 'var(--theme-error-500)',
  indexed: 'var(--theme-success-500)',
  'not-indexed': 'var(--theme-elevation-400)',
  pending: 'var(--theme-warning-500)',
}

/** The document's place in the search index, in the edit view's sidebar, with a button to index it again. */
export function IndexStatusField() {
  const { collectionSlug, globalSlug, id, lastUpdateTime } = useDocumentInfo()
  const { config } = useConfig()
  const api = `${config.serverURL}${config.routes.api}`
  const target: null | Record<string, string> = globalSlug
    ? { global: globalSlug }
    : id && collectionSlug
      ? { collection: collectionSlug, id: String(id) }
      : null
  const query = target ? new URLSearchParams(target).toString() : ''
  const [status, setStatus] = useState<null | Status>(null)
  const [problem, setProblem] = useState<null | string>(null)

  const load = useCallback(async () => {
    if (!query) return
    const res = await fetch(`${api}/retrieval/status?${query}`, { credentials: 'include' })
    const body = await res.json()
    if (res.ok) {
      setStatus(body)
      setProblem(null)
    } else setProblem(body.errors?.[0]?.message ?? `Error ${res.status}`)
  }, [api, query])

  // Again after every save: publishing queues indexing, and the state should say so at once.
  useEffect(() => {
    void load()
  }, [load, lastUpdateTime])
  useEffect(() => {
    if (!status?.pending) return
    const timer = setInterval(() => void load(), 2000)
    return () => clearInterval(timer)
  }, [load, status?.pending])

  const requeue = async () => {
    const res = await fetch(`${api}/retrieval/requeue`, {
      body: JSON.stringify(target),
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    if (!res.ok) setProblem((await res.json()).errors?.[0]?.message ?? `Error ${res.status}`)
    await load()
  }

  if (!target) return null
  return (
    <div className="field-type" data-testid="index-status" style={{ marginBottom: 'var(--base)' }}>
      <div className="field-label">Search index</div>
      {status && (
        <p style={{ margin: '0 0 calc(var(--base) / 2)' }}>
          <strong data-state={status.state} style={{ color: colours[status.state] }}>
            {labels[status.state] ?? status.state}
          </strong>
          {status.state === 'indexed' && ` · ${status.chunks} chunk${status.chunks === 1 ? '' : 's'}`}
          {status.indexedAt && status.state !== 'pending' && ` · ${new Date(status.indexedAt).toLocaleString()}`}
        </p>
      )}
      {status?.state === 'not-indexed' && (
        <p style={{ margin: 0 }}>Visitors cannot see this document, so the chatbot does not use it.</p>
      )}
      {status?.error && <p style={{ color: colours.failed, margin: '0 0 calc(var(--base) / 2)' }}>{status.error}</p>}
      {problem && <p style={{ color: colours.failed }}>{problem}</p>}
      <Button
        buttonStyle="secondary"
        disabled={status?.pending}
        margin={false}
        onClick={() => void requeue()}
        size="small"
      >
        Reindex
      </Button>
    </div>
  )
}
