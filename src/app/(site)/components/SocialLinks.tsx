import type { Profile } from '../../../../payload-types'

import { safeHref } from './safeHref'

const labels: Record<string, string> = {
  bluesky: 'Bluesky',
  github: 'GitHub',
  linkedin: 'LinkedIn',
  mastodon: 'Mastodon',
  other: 'Elsewhere',
  website: 'Website',
  x: 'X',
}

/** The profile's links, named by platform. */
export function SocialLinks({ label, links }: { label: string; links: Profile['socialLinks'] }) {
  const safe = (links ?? []).filter((link) => safeHref(link.url))
  if (safe.length === 0) return null
  return (
    <ul aria-label={label} className="social-links">
      {safe.map((link) => (
        <li key={link.id ?? link.url}>
          <a href={link.url} rel="me noopener">
            {labels[link.platform] ?? link.platform}
          </a>
        </li>
      ))}
    </ul>
  )
}
