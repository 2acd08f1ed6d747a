import type { ClientOptions, OpenAI } from 'openai'

/**
 * An `openai` client made on first use. `openai` is an optional peer: a site that configures no model
 * never installs it, so nothing may import it before a model is actually called.
 */
export function lazyOpenAI(options: ClientOptions): () => Promise<OpenAI> {
  let client: Promise<OpenAI> | undefined
  return () =>
    (client ??= import('openai').then(
      ({ default: OpenAIClient }) => new OpenAIClient(options),
      (error: unknown) => {
        client = undefined
        throw new Error(
          'An OpenAI-compatible model is configured, but the `openai` package is not installed: npm install openai',
          { cause: error },
        )
      },
    ))
}
