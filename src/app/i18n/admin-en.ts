import type { AdminMessages } from './admin-vi';

export const adminEn: AdminMessages = {
  menuTitle: 'Administration',
  menuIntro: 'Choose what to do. Administration needs a connection.',
  menu_units: 'Administrative units',
  menu_units_explain: 'Browse the unit tree, import from a file, rename, merge.',
  menu_users: 'Accounts',
  menu_users_explain:
    'Create accounts (one, or many from a CSV), print password slips, reset passwords, deactivate, revoke devices.',
  menu_templates: 'Checklist templates',
  menu_templates_explain:
    'Import a template from a JSON file, see its problems, its versions and a preview.',
  menu_campaigns: 'Campaigns',
  menu_campaigns_explain: 'Create, open, close, and extend a deadline with a reason.',
  auditTitle: 'Audit trail check',
  auditExplain:
    'Every change is written to a chain of log events with check hashes. The button below has the server check the whole chain again and name the first event that was edited, inserted or removed.',
  auditRun: 'Check now',
  auditRunning: 'Checking…',
  auditIntact: 'The audit chain is intact: {{events}} events (checked at {{when}}).',
  auditBroken_changed:
    'Event {{seq}} was edited after it was written ({{verified}} events before it are intact).',
  auditBroken_unlinked:
    'Event {{seq}} does not link to the one before it: an event was inserted or replaced ({{verified}} events before it are intact).',
  auditBroken_missing:
    'Event {{seq}} is missing: an event was deleted ({{verified}} events before it are intact).',
  auditBroken_truncated:
    'The newest events from {{seq}} on were deleted ({{verified}} events before them are intact).',
  auditEvent: 'That event: {{when}}, {{who}}, {{action}} on {{target}}.',
  auditWhatNow:
    'Restore the database from the latest backup taken before this time, and inform whoever is responsible for information security.',
  auditFailure_offline:
    'The server cannot be reached. The check needs a connection; try again when online.',
  auditFailure_signedOut: 'Your session has ended; sign in again, then check.',
  auditFailure_notAllowed: 'Only the system administrator may check the audit trail.',
  auditFailure_busy: 'Checked many times just now; wait a minute and try again.',
  auditFailure_server: 'The server could not run the check; try again later.',
};
