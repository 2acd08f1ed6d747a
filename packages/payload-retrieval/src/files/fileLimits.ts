import type { Block } from '../text/lexicalToBlocks'

/** Limits on reading one uploaded file (see the plugin's `files` option). */
export type FileLimits = { maxBytes: number; maxMemoryMb: number; maxPages: number; timeoutMs: number }

/** Where a reader says how it reads (once), for the host's log. */
export type FileLogger = { warn: (message: string) => void }

/** What a file reader found: its text as blocks, and a note when limits left part of it out. */
export type FileText = { blocks: Block[]; note?: string; pages?: number }

export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`
