import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { PreviewBanner } from './components/PreviewBanner'
import { SiteFooter } from './components/SiteFooter'
import { SiteHeader } from './components/SiteHeader'
import { building } from './data/cachedRead'
import { getProfile, isPreviewing } from './data/request'
import './site.css'

const publicUrl = process.env.PUBLIC_URL

export async function generateMetadata(): Promise<Metadata> {
  if (building()) return {}
  const profile = await getProfile()
  const name = profile.name || 'askfolio'
  return {
    description: profile.headline || 'A portfolio with a chatbot grounded in its published content.',
    metadataBase: publicUrl ? new URL(publicUrl) : undefined,
    openGraph: { siteName: name },
    title: { default: name, template: `%s · ${name}` },
  }
}

export const viewport: Viewport = { colorScheme: 'light dark' }

export default async function SiteLayout({ children }: { children: ReactNode }) {
  // `next build` renders the static pages once, for nothing: they are never served (cachedRead.ts).
  if (building())
    return (
      <html lang="en">
        <body />
      </html>
    )
  const [profile, preview] = await Promise.all([getProfile(), isPreviewing()])
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {preview && <PreviewBanner />}
        <SiteHeader siteName={profile.name || 'askfolio'} />
        <main className="wrap" id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter profile={profile} />
        {/* The chat widget (<askfolio-chat>, its own launcher and shadow DOM) is served from /widget.js. */}
        <script
          data-intro="Ask about the projects, writing and skills on this site. Answers come from its published pages and link to their sources."
          defer
          src="/widget.js"
        />
      </body>
    </html>
  )
}
