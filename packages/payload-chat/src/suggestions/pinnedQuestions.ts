import type { Access, CollectionConfig, GlobalConfig, TextField } from 'payload'

/** The field editors pin questions in, on a document and on the chat's settings. */
export const pinnedQuestionsField = 'suggestedQuestions'
export const chatSettingsSlug = 'chat-settings'

const questionsField = (description: string, position?: 'sidebar'): TextField => ({
  name: pinnedQuestionsField,
  type: 'text',
  admin: { description, position },
  hasMany: true,
  maxRows: 10,
  // The widget shows them whole; a question is no longer than a visitor's.
  maxLength: 200,
})

/**
 * A collection whose editors may pin questions on a document. They go out with the document when
 * it is published (the field is part of its versions), so a draft's pins stay the draft's.
 */
export const withPinnedQuestions = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: [
    ...collection.fields,
    questionsField(
      'Questions the chat widget offers on this page, first. Each is shown only while the chat can answer it.',
      'sidebar',
    ),
  ],
})

/**
 * The site-wide questions, offered on every page after the page's own. They show to every visitor
 * at once, so changing them is publishing: `update` is the host's to grant.
 */
export const buildChatSettingsGlobal = (access: { read: Access; update: Access }): GlobalConfig => ({
  slug: chatSettingsSlug,
  access: { read: access.read, update: access.update },
  admin: { group: 'Chat' },
  fields: [
    questionsField(
      'Questions the chat widget offers on every page, after the page’s own. Each is shown only while the chat can answer it.',
    ),
  ],
  label: 'Chat settings',
})
