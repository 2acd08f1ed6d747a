const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

/** A date as "12 March 2026" in a <time> element; nothing when there is no date. */
export function FormattedDate({ value }: { value: null | string | undefined }) {
  if (!value) return null
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return <time dateTime={date.toISOString()}>{format.format(date)}</time>
}
