import type { ReactNode } from 'react'

import './site.css'

export const metadata = {
  description: 'A portfolio with a chatbot grounded in its published content.',
  title: 'askfolio',
}

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <main className="site">{children}</main>
      </body>
    </html>
  )
}
