import type { Payload } from 'payload'

/** The chat message stored under the id a visitor was given. */
export async function storedChatMessage(payload: Payload, publicId: string) {
  const { docs } = await payload.find({
    collection: 'chat-messages',
    depth: 0,
    overrideAccess: true,
    where: { publicId: { equals: publicId } },
  })
  return docs[0]
}
