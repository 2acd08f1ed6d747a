import * as initial from './20261121_100000_initial'
import * as auditLogAppendOnly from './20261121_200000_audit_log_append_only'
import * as retrieval from './20261122_000000_retrieval'
import * as chat from './20261122_010000_chat'
import * as emailOutbox from './20261122_041724_email_outbox'
import * as emailVerification from './20261122_043218_email_verification'
import * as editorDigest from './20261122_043523_editor_digest'
import * as expireVerificationLinks from './20261122_044201_expire_verification_links'
import * as personalData from './20261122_054335_personal_data'
import * as retrievalRetryFailed from './20261122_054622_retrieval_retry_failed'
import * as mediaStorageFields from './20261122_060045_media_storage_fields'
import * as mediaVisibility from './20261201_231558_media_visibility'
import * as dropAccountLockout from './20261201_231904_drop_account_lockout'
import * as chatRetention from './20261201_233016_chat_retention'

export const migrations = [
  { down: initial.down, name: '20261121_100000_initial', up: initial.up },
  { down: auditLogAppendOnly.down, name: '20261121_200000_audit_log_append_only', up: auditLogAppendOnly.up },
  { down: retrieval.down, name: '20261122_000000_retrieval', up: retrieval.up },
  { down: chat.down, name: '20261122_010000_chat', up: chat.up },
  { down: emailOutbox.down, name: '20261122_041724_email_outbox', up: emailOutbox.up },
  { down: emailVerification.down, name: '20261122_043218_email_verification', up: emailVerification.up },
  { down: editorDigest.down, name: '20261122_043523_editor_digest', up: editorDigest.up },
  { down: expireVerificationLinks.down, name: '20261122_044201_expire_verification_links', up: expireVerificationLinks.up },
  { down: personalData.down, name: '20261122_054335_personal_data', up: personalData.up },
  { down: retrievalRetryFailed.down, name: '20261122_054622_retrieval_retry_failed', up: retrievalRetryFailed.up },
  { down: mediaStorageFields.down, name: '20261122_060045_media_storage_fields', up: mediaStorageFields.up },
  { down: mediaVisibility.down, name: '20261201_231558_media_visibility', up: mediaVisibility.up },
  { down: dropAccountLockout.down, name: '20261201_231904_drop_account_lockout', up: dropAccountLockout.up },
  { down: chatRetention.down, name: '20261201_233016_chat_retention', up: chatRetention.up },
]
