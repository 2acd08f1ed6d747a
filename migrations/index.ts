import * as initial from './20261121_100000_initial'
import * as auditLogAppendOnly from './20261121_200000_audit_log_append_only'

export const migrations = [
  { down: initial.down, name: '20261121_100000_initial', up: initial.up },
  { down: auditLogAppendOnly.down, name: '20261121_200000_audit_log_append_only', up: auditLogAppendOnly.up },
]
