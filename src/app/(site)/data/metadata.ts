import type { Metadata } from 'next'

import type { Media } from '../../../../payload-types'

import { asMedia } from '../components/media'

/** Title, description and, when the image has its `og` size, an Open Graph image. */
export function pageMetadata({
  description,
  image,
  title,
  type = 'website',
}: {
  description?: null | string
  image?: Media | null | number
  title: string
  type?: 'article' | 'website'
}): Metadata {
  const og = asMedia(image)?.sizes?.og
  const images = og?.url
    ? [{ alt: asMedia(image)!.alt, height: og.height ?? undefined, url: og.url, width: og.width ?? undefined }]
    : undefined
  return {
    description: description ?? undefined,
    openGraph: { description: description ?? undefined, images, title, type },
    title,
    twitter: { card: images ? 'summary_large_image' : 'summary' },
  }
}
