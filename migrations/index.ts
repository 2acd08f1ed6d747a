import * as migration_20261121_100000_initial from './20261121_100000_initial';
import * as migration_20261121_200000_audit_log_append_only from './20261121_200000_audit_log_append_only';
import * as migration_20261122_003135_retrieval from './20261122_003135_retrieval';
import * as migration_20261122_003423_project_internal_notes from './20261122_003423_project_internal_notes';

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
    up: migration_20261122_003135_retrieval.up,
    down: migration_20261122_003135_retrieval.down,
    name: '20261122_003135_retrieval',
  },
  {
    up: migration_20261122_003423_project_internal_notes.up,
    down: migration_20261122_003423_project_internal_notes.down,
    name: '20261122_003423_project_internal_notes'
  },
];
