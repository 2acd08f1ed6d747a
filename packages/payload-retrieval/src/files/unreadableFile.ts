/** How the index state of a document whose file gave no text begins; such a state is not retried. */
export const noReadableText = 'No readable text'

/**
 * A file that yields no text: encrypted, corrupt, not what its type says, only images, or over a
 * limit. Reading it again gives the same answer, so the document's fields are indexed without it
 * and its state says why, instead of the job failing and retrying.
 */
export class UnreadableFileError extends Error {
  constructor(reason: string) {
    super(`${noReadableText}: ${reason}`)
    this.name = 'UnreadableFileError'
  }
}
