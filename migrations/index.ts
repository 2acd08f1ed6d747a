import * as migration_20261121_100000_initial from './20261121_100000_initial'
import * as migration_20261121_200000_audit_log_append_only from './20261121_200000_audit_log_append_only'
import * as migration_20261122_000000_retrieval from './20261122_000000_retrieval'
import * as migration_20261122_010000_chat from './20261122_010000_chat'
import * as migration_20261122_041724_email_outbox from './20261122_041724_email_outbox'
import * as migration_20261122_043218_email_verification from './20261122_043218_email_verification'
import * as migration_20261122_043523_editor_digest from './20261122_043523_editor_digest'
import * as migration_20261122_044201_expire_verification_links from './20261122_044201_expire_verification_links'
import * as migration_20261122_054335_personal_data from './20261122_054335_personal_data'
import * as migration_20261122_054622_retrieval_retry_failed from './20261122_054622_retrieval_retry_failed'
import * as migration_20261122_060045_media_storage_fields from './20261122_060045_media_storage_fields'
import * as migration_20261201_231558_media_visibility from './20261201_231558_media_visibility'
import * as migration_20261201_231904_drop_account_lockout from './20261201_231904_drop_account_lockout'
import * as migration_20261201_233016_chat_retention from './20261201_233016_chat_retention'
import * as migration_20261202_015124_retrieval_postings from './20261202_015124_retrieval_postings'
import * as migration_20261202_065438_chat_confidence from './20261202_065438_chat_confidence'
import * as migration_20261202_160000_retrieval_schema from './20261202_160000_retrieval_schema'
import * as migration_20261203_084308_plugin_tables_leave_drizzle_schema from './20261203_084308_plugin_tables_leave_drizzle_schema'
import * as migration_20261203_091356_mcp_api_keys from './20261203_091356_mcp_api_keys'
import * as migration_20261204_004745_documents from './20261204_004745_documents'
import * as migration_20261204_005000_document_grants from './20261204_005000_document_grants'
import * as migration_20261204_005100_retrieval_pages from './20261204_005100_retrieval_pages'
import * as migration_20261204_040000_page_cache_invalidations from './20261204_040000_page_cache_invalidations'
import * as migration_20261204_185011_answer_checks from './20261204_185011_answer_checks'
import * as migration_20261204_185100_faq_grants from './20261204_185100_faq_grants'
import * as migration_20261204_194145_suggestions_engagement from './20261204_194145_suggestions_engagement'

export const migrations = [
  {
    up: migration_20261121_100000_initial.up,
    down: migration_20261121_100000_initial.down,
    name: '20261121_100000_initial',
  },
  {
    up: migration_20261121_200000_audit_log_append_only.up,
    down: migration_20261121_200000_audit_log_append_only.down,
    name: '20261121_200000_audit_log_append_only',
  },
  {
    up: migration_20261122_000000_retrieval.up,
    down: migration_20261122_000000_retrieval.down,
    name: '20261122_000000_retrieval',
  },
  {
    up: migration_20261122_010000_chat.up,
    down: migration_20261122_010000_chat.down,
    name: '20261122_010000_chat',
  },
  {
    up: migration_20261122_041724_email_outbox.up,
    down: migration_20261122_041724_email_outbox.down,
    name: '20261122_041724_email_outbox',
  },
  {
    up: migration_20261122_043218_email_verification.up,
    down: migration_20261122_043218_email_verification.down,
    name: '20261122_043218_email_verification',
  },
  {
    up: migration_20261122_043523_editor_digest.up,
    down: migration_20261122_043523_editor_digest.down,
    name: '20261122_043523_editor_digest',
  },
  {
    up: migration_20261122_044201_expire_verification_links.up,
    down: migration_20261122_044201_expire_verification_links.down,
    name: '20261122_044201_expire_verification_links',
  },
  {
    up: migration_20261122_054335_personal_data.up,
    down: migration_20261122_054335_personal_data.down,
    name: '20261122_054335_personal_data',
  },
  {
    up: migration_20261122_054622_retrieval_retry_failed.up,
    down: migration_20261122_054622_retrieval_retry_failed.down,
    name: '20261122_054622_retrieval_retry_failed',
  },
  {
    up: migration_20261122_060045_media_storage_fields.up,
    down: migration_20261122_060045_media_storage_fields.down,
    name: '20261122_060045_media_storage_fields',
  },
  {
    up: migration_20261201_231558_media_visibility.up,
    down: migration_20261201_231558_media_visibility.down,
    name: '20261201_231558_media_visibility',
  },
  {
    up: migration_20261201_231904_drop_account_lockout.up,
    down: migration_20261201_231904_drop_account_lockout.down,
    name: '20261201_231904_drop_account_lockout',
  },
  {
    up: migration_20261201_233016_chat_retention.up,
    down: migration_20261201_233016_chat_retention.down,
    name: '20261201_233016_chat_retention',
  },
  {
    up: migration_20261202_015124_retrieval_postings.up,
    down: migration_20261202_015124_retrieval_postings.down,
    name: '20261202_015124_retrieval_postings',
  },
  {
    up: migration_20261202_065438_chat_confidence.up,
    down: migration_20261202_065438_chat_confidence.down,
    name: '20261202_065438_chat_confidence',
  },
  {
    up: migration_20261202_160000_retrieval_schema.up,
    down: migration_20261202_160000_retrieval_schema.down,
    name: '20261202_160000_retrieval_schema',
  },
  {
    up: migration_20261203_084308_plugin_tables_leave_drizzle_schema.up,
    down: migration_20261203_084308_plugin_tables_leave_drizzle_schema.down,
    name: '20261203_084308_plugin_tables_leave_drizzle_schema',
  },
  {
    up: migration_20261203_091356_mcp_api_keys.up,
    down: migration_20261203_091356_mcp_api_keys.down,
    name: '20261203_091356_mcp_api_keys',
  },
  {
    up: migration_20261204_004745_documents.up,
    down: migration_20261204_004745_documents.down,
    name: '20261204_004745_documents',
  },
  {
    up: migration_20261204_005000_document_grants.up,
    down: migration_20261204_005000_document_grants.down,
    name: '20261204_005000_document_grants',
  },
  {
    up: migration_20261204_005100_retrieval_pages.up,
    down: migration_20261204_005100_retrieval_pages.down,
    name: '20261204_005100_retrieval_pages',
  },
  {
    up: migration_20261204_040000_page_cache_invalidations.up,
    down: migration_20261204_040000_page_cache_invalidations.down,
    name: '20261204_040000_page_cache_invalidations',
  },
  {
    up: migration_20261204_185011_answer_checks.up,
    down: migration_20261204_185011_answer_checks.down,
    name: '20261204_185011_answer_checks',
  },
  {
    up: migration_20261204_185100_faq_grants.up,
    down: migration_20261204_185100_faq_grants.down,
    name: '20261204_185100_faq_grants',
  },
  {
    up: migration_20261204_194145_suggestions_engagement.up,
    down: migration_20261204_194145_suggestions_engagement.down,
    name: '20261204_194145_suggestions_engagement',
  },
]
