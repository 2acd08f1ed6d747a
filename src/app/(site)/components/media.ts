import type { Media } from '../../../../payload-types'

export type ImageSize = keyof NonNullable<Media['sizes']>

/** A populated media document, or null for an id (not readable) or nothing. */
export const asMedia = (value: Media | null | number | undefined): Media | null =>
  value && typeof value === 'object' && value.url ? value : null

/** The generated size when it exists, else the original: always with its own width and height. */
export function pickImage(media: Media, size: ImageSize): { height: number; url: string; width: number } | null {
  const generated = media.sizes?.[size]
  if (generated?.url && generated.width && generated.height) {
    return { height: generated.height, url: generated.url, width: generated.width }
  }
  if (media.url && media.width && media.height && media.mimeType?.startsWith('image/')) {
    return { height: media.height, url: media.url, width: media.width }
  }
  return null
}
