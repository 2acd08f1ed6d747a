/** Must match .env.example, which documents them. */
export const defaultAdminEmail = 'admin@example.com'
export const defaultAdminPassword = 'askfolio-admin'

/** The first admin's credentials: ADMIN_EMAIL / ADMIN_PASSWORD, or the documented development defaults. */
export function adminCredentials(): { adminEmail: string; adminPassword: string } {
  const adminEmail = process.env.ADMIN_EMAIL || defaultAdminEmail
  const adminPassword = process.env.ADMIN_PASSWORD || defaultAdminPassword
  if (process.env.NODE_ENV === 'production' && adminPassword === defaultAdminPassword) {
    throw new Error('Set ADMIN_PASSWORD before seeding a production database.')
  }
  return { adminEmail, adminPassword }
}
