'use client'

import { usePathname } from 'next/navigation'

const links = [
  { href: '/', label: 'Home' },
  { href: '/projects', label: 'Projects' },
  { href: '/blog', label: 'Blog' },
  { href: '/documents', label: 'Documents' },
]

const isCurrent = (pathname: string, href: string) =>
  href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)

/** The main navigation; the link of the current section is marked for assistive technology. */
export function NavLinks() {
  const pathname = usePathname() ?? ''
  return (
    <ul>
      {links.map((link) => (
        <li key={link.href}>
          <a
            aria-current={pathname === link.href ? 'page' : isCurrent(pathname, link.href) ? 'true' : undefined}
            href={link.href}
          >
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  )
}
