import { RichText as LexicalRichText } from '@payloadcms/richtext-lexical/react'

import { siteConverters } from './richTextConverters'

type Data = Parameters<typeof LexicalRichText>[0]['data']

/** Stored lexical content as HTML, with the site's converters. */
export function RichText({ className = 'prose', data }: { className?: string; data: Data | null | undefined }) {
  if (!data) return null
  return <LexicalRichText className={className} converters={siteConverters} data={data} />
}
