import type { TextField } from 'payload'

/** True for an absolute http(s) URL with a host. */
export const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0
  } catch {
    return false
  }
}

/** An optional link that must be a full http(s) URL. */
export const urlField = (name: string, label: string): TextField => ({
  name,
  type: 'text',
  label,
  validate: (value: null | string | undefined) =>
    !value || isHttpUrl(value) || `${label} must be a full URL starting with http:// or https://`,
})
