import type { Payload } from 'payload'

import sharp from 'sharp'

let counter = 0
/** A name no other test in this file has used. */
export const unique = (prefix: string): string => `${prefix} ${++counter} ${Date.now().toString(36)}`

/** A small but real PNG, made with sharp. */
export async function pngFile(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { background: '#2563eb', channels: 3, height, width } })
    .png()
    .toBuffer()
}

/** A multipart body for Payload's upload endpoint: the file plus the other fields as `_payload`. */
export function uploadForm(file: Buffer, name: string, type: string, data: Record<string, unknown>): FormData {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type }), name)
  form.append('_payload', JSON.stringify(data))
  return form
}

export async function createMedia(payload: Payload, alt = unique('image')): Promise<number> {
  const data = await pngFile()
  const doc = await payload.create({
    collection: 'media',
    data: { alt },
    file: { data, mimetype: 'image/png', name: 'fixture.png', size: data.length },
    overrideAccess: true,
  })
  return doc.id
}

export async function findBySlug<C extends 'blog-posts' | 'projects' | 'skills'>(
  payload: Payload,
  collection: C,
  slug: string,
) {
  const { docs } = await payload.find({
    collection,
    depth: 0,
    overrideAccess: true,
    trash: true,
    where: { slug: { equals: slug } },
  })
  if (!docs[0]) throw new Error(`no ${collection} with slug ${slug}`)
  return docs[0]
}
