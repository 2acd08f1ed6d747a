'use client'
import { Link, useAuth, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { messagesSlug } from '../collections/chatCollections'
import { insightsViewPath } from '../insights/viewPath'

/** Below the collections in the admin's navigation: a link to the chat insights, for users who may read the chat. */
export function InsightsNavLink() {
  const { config } = useConfig()
  const { permissions } = useAuth()
  const pathname = usePathname()
  if (!permissions?.collections?.[messagesSlug]?.read) return null
  const href = formatAdminURL({ adminRoute: config.routes.admin, path: insightsViewPath })
  const label = <span className="nav__link-label">Chat insights</span>
  // As Payload's own links: on the page itself, a marked label instead of a link.
  if (pathname === href) {
    return (
      <div className="nav__link" data-testid="chat-insights-link" id="nav-chat-insights">
        <div className="nav__link-indicator" />
        {label}
      </div>
    )
  }
  return (
    <Link className="nav__link" data-testid="chat-insights-link" href={href} id="nav-chat-insights" prefetch={false}>
      {label}
    </Link>
  )
}
