import type { ChatModel } from '../types'

import { lazyOpenAI } from '@askfolio/payload-retrieval'

import { buildPrompt, rewritePrompt } from '../answer/prompt'

export type OpenAIChatModelOptions = {
  apiKey: string
  /** Any OpenAI-compatible server. */
  baseURL?: string
  /** Retries of a request that fails before its first token (connection, 408/409/429/5xx). Default 2. */
  maxRetries?: number
  /** Default gpt-4o-mini. */
  model?: string
  siteName: string
  temperature?: number
  /** Per request, in ms. Default 30 000. */
  timeoutMs?: number
}

/** Answers through chat completions (streamed), with the grounded prompt of answer/prompt.ts. */
export function createOpenAIChatModel(options: OpenAIChatModelOptions): ChatModel {
  const model = options.model ?? 'gpt-4o-mini'
  const client = lazyOpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 30_000,
  })
  return {
    async *generate(input, { signal }) {
      const stream = await (
        await client()
      ).chat.completions.create(
        {
          messages: buildPrompt(options.siteName, input),
          model,
          stream: true,
          temperature: options.temperature ?? 0.2,
        },
        { signal },
      )
      for await (const chunk of stream) {
        const text = chunk.choices?.[0]?.delta?.content
        if (text) yield text
      }
    },
    id: `openai:${model}`,
    async rewrite(history, question, { signal }) {
      const response = await (
        await client()
      ).chat.completions.create(
        { max_tokens: 120, messages: rewritePrompt(history, question), model, temperature: 0 },
        { signal },
      )
      return response.choices?.[0]?.message?.content?.trim() || question
    },
  }
}
