import { NavLinks } from './NavLinks'

export function SiteHeader({ siteName }: { siteName: string }) {
  return (
    <header className="site-header">
      <div className="wrap header-inner">
        <a className="site-name" href="/">
          {siteName}
        </a>
        <nav aria-label="Main">
          <NavLinks />
        </nav>
      </div>
    </header>
  )
}
