import type { Access, Payload, PayloadRequest } from 'payload'

export const insightsKey = 'askfolioChatInsights'

/** What the insights view needs from the plugin's options, kept in the server-only `config.custom`. */
export type InsightsSettings = { read: Access }

export function getInsightsSettings(payload: Payload): InsightsSettings {
  const settings = (payload.config.custom as Record<string, unknown> | undefined)?.[insightsKey] as InsightsSettings | undefined
  if (!settings) throw new Error('The chat plugin is not installed, or is disabled, in this Payload config.')
  return settings
}

/**
 * Insights aggregate every message, so they need read access to all of them: the plugin's
 * `access.read` must answer `true` (a query, which would allow only some messages, is not enough).
 */
export async function canReadInsights(read: Access, req: PayloadRequest): Promise<boolean> {
  return (await read({ req })) === true
}
