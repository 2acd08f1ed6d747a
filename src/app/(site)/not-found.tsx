import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Page not found' }

export default function NotFound() {
  return (
    <div className="not-found">
      <h1>Page not found</h1>
      <p>There is nothing published at this address. It may have moved, or it may not be public yet.</p>
      <ul className="link-row">
        <li>
          <a href="/">Home</a>
        </li>
        <li>
          <a href="/projects">Projects</a>
        </li>
        <li>
          <a href="/blog">Blog</a>
        </li>
      </ul>
    </div>
  )
}
