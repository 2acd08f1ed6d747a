import type { Media } from '../../../../payload-types'

import { asMedia, type ImageSize, pickImage } from './media'

type Props = {
  className?: string
  /** Images above the fold load eagerly; everything else waits until it is near. */
  eager?: boolean
  media: Media | null | number | undefined
  size: ImageSize
}

/** An upload at one of its generated sizes, with width and height so nothing shifts as it loads. */
export function MediaImage({ className, eager = false, media, size }: Props) {
  const doc = asMedia(media)
  const image = doc && pickImage(doc, size)
  if (!doc || !image) return null
  return (
    <img
      alt={doc.alt}
      className={className}
      decoding="async"
      fetchPriority={eager ? 'high' : undefined}
      height={image.height}
      loading={eager ? 'eager' : 'lazy'}
      src={image.url}
      width={image.width}
    />
  )
}
