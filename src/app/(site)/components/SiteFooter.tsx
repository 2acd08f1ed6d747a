import type { Profile } from '../../../../payload-types'

import { SocialLinks } from './SocialLinks'

export function SiteFooter({ profile }: { profile: Profile }) {
  return (
    <footer className="site-footer">
      <div className="wrap footer-inner">
        <p>
          © {new Date().getFullYear()} {profile.name || 'askfolio'}
        </p>
        <SocialLinks label="Elsewhere" links={profile.socialLinks} />
      </div>
    </footer>
  )
}
