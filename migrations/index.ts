import * as enablePgvector from './20261121_000000_enable_pgvector'
import * as initial from './20261121_100000_initial'
import * as auditLogAppendOnly from './20261121_200000_audit_log_append_only'

export const migrations = [
  { down: enablePgvector.down, name: '20261121_000000_enable_pgvector', up: enablePgvector.up },
  { down: initial.down, name: '20261121_100000_initial', up: initial.up },
  { down: auditLogAppendOnly.down, name: '20261121_200000_audit_log_append_only', up: auditLogAppendOnly.up },
]
