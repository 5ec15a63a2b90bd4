export { exportBackup, type ExportResult } from './export';
export { importBackup, isQuotaError } from './import';
export {
  BACKUP_EXTENSION,
  BACKUP_FORMAT,
  BACKUP_MIME,
  BACKUP_VERSION,
  BackupError,
  backupFileName,
  type BackupErrorCode,
  type BackupManifest,
} from './format';
export type { ImportReport } from './merge';
export { relayProgress, type RelayProgress } from './relay-status';
