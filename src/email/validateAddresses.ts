import { APIError } from 'payload'

// One @, no spaces, a dot in the domain: what a mail server can route. Deliberately not RFC 5322 in full.
const addressPattern = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/

export const isEmailAddress = (value: unknown): value is string =>
  typeof value === 'string' && addressPattern.test(value.trim())

/** The bare addresses in a nodemailer address field (`a@b.c`, `Name <a@b.c>`, lists and arrays of them). */
export function addressesOf(field: unknown): string[] {
  if (!field) return []
  if (Array.isArray(field)) return field.flatMap(addressesOf)
  if (typeof field === 'object' && 'address' in field) return [String((field as { address: unknown }).address)]
  return String(field)
    .split(',')
    .map((part) => /<([^>]*)>/.exec(part)?.[1] ?? part)
    .map((part) => part.trim())
    .filter(Boolean)
}

/** Throws a 400 naming the first recipient that is not an email address. */
export function assertRecipients(message: { bcc?: unknown; cc?: unknown; to?: unknown }): void {
  const recipients = [...addressesOf(message.to), ...addressesOf(message.cc), ...addressesOf(message.bcc)]
  if (recipients.length === 0) throw new APIError('An email needs at least one recipient.', 400, null, true)
  const bad = recipients.find((address) => !isEmailAddress(address))
  if (bad !== undefined) throw new APIError(`"${bad}" is not a valid email address.`, 400, null, true)
}
