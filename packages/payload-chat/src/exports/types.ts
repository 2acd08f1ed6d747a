// The plugin's types alone, for a host that only describes its options.
export type { ChatModel, ChatPluginOptions, ChatSource, ChatTurn } from '../types'
export type { ChatInsights } from '../insights/computeInsights'
export type { ChatMessageRecord, ChatSessionRecord, ChatSessionsOf } from '../session/chatSessionsOf'
