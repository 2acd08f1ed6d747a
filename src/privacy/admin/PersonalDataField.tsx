'use client'
import { Button, useAuth, useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

type RoleRef = number | string | { name?: string }

const isAdmin = (user: unknown) =>
  ((user as { roles?: RoleRef[] } | null)?.roles ?? []).some(
    (role) => typeof role === 'object' && role?.name === 'admin',
  )

/**
 * In the sidebar of a user (admins only): a link that downloads everything stored about them, and
 * "Erase…", which asks for their email address and whom to give their content to, then erases them.
 */
export function PersonalDataField() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const { config } = useConfig()
  const [open, setOpen] = useState(false)
  const [confirm, setConfirm] = useState('')
  const [reassignTo, setReassignTo] = useState('')
  const [problem, setProblem] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  if (!id || !isAdmin(user)) return null

  const api = `${config.serverURL}${config.routes.api}/users/${id}`
  const isSelf = String(user?.id) === String(id)

  const erase = async () => {
    setBusy(true)
    setProblem(null)
    const res = await fetch(`${api}/erase`, {
      body: JSON.stringify({
        confirm,
        ...(reassignTo.trim() ? { reassignTo: Number(reassignTo) || reassignTo.trim() } : {}),
      }),
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    setBusy(false)
    if (res.ok) window.location.assign(`${config.serverURL}${config.routes.admin}/collections/users`)
    else setProblem((await res.json().catch(() => null))?.errors?.[0]?.message ?? `Error ${res.status}`)
  }

  return (
    <div className="field-type" data-testid="personal-data" style={{ marginBottom: 'var(--base)' }}>
      <div className="field-label">Personal data</div>
      <p style={{ margin: '0 0 calc(var(--base) / 2)' }}>
        <a download href={`${api}/personal-data`}>
          Export personal data (JSON)
        </a>
      </p>
      {!isSelf && !open && (
        <Button buttonStyle="error" margin={false} onClick={() => setOpen(true)} size="small">
          Erase…
        </Button>
      )}
      {open && (
        <div style={{ display: 'grid', gap: 'calc(var(--base) / 2)' }}>
          <p style={{ margin: 0 }}>
            Deletes the account, their sign-ins and chat conversations, and removes them from the audit log. Their
            projects and posts pass to another user. This cannot be undone.
          </p>
          <label>
            Type their email address to confirm
            <input
              className="field-type__input"
              onChange={(event) => setConfirm(event.target.value)}
              type="email"
              value={confirm}
            />
          </label>
          <label>
            Give their content to (user id; empty: you)
            <input
              className="field-type__input"
              onChange={(event) => setReassignTo(event.target.value)}
              type="text"
              value={reassignTo}
            />
          </label>
          {problem && <p style={{ color: 'var(--theme-error-500)', margin: 0 }}>{problem}</p>}
          <div style={{ display: 'flex', gap: 'calc(var(--base) / 2)' }}>
            <Button
              buttonStyle="error"
              disabled={busy || !confirm}
              margin={false}
              onClick={() => void erase()}
              size="small"
            >
              Erase permanently
            </Button>
            <Button buttonStyle="secondary" margin={false} onClick={() => setOpen(false)} size="small">
              Cancel
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
