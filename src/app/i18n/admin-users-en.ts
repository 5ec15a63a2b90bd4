import type { AdminUsersMessages } from './admin-users-vi';

export const adminUsersEn: AdminUsersMessages = {
  title: 'Accounts',
  explain:
    'The accounts within your scope. Needs a connection: the list and every change live on the server.',
  filterUnit: 'Filter by unit',
  filterRole: 'Filter by role',
  roleAll: 'All roles',
  loading: 'Loading the accounts…',
  none: 'No account matches the filter.',
  count: '{{count, number}} accounts',
  active: 'Active',
  disabled: 'Deactivated',
  devices: '{{count, number}} devices signed in',
  you: 'Your account',
  reset: 'Reset password',
  resetConfirm:
    'Reset the password of {{name}}? The old one stops working at once and every device of this account is signed out.',
  deactivate: 'Deactivate',
  deactivateConfirm:
    'Deactivate {{name}}? They are signed out on every device and cannot sign in until reactivated.',
  reactivate: 'Reactivate',
  devicesShow: 'Devices',
  devicesHide: 'Hide devices',
  devicesNone: 'This account has not signed in on any device.',
  deviceSince: 'Signed in {{when}}',
  deviceUsed: 'last used {{when}}',
  deviceRevoked: 'Signed out {{when}}',
  deviceExpired: 'Expired {{when}}',
  revoke: 'Sign this device out',
  revokeConfirm:
    'Sign out the device "{{name}}"? Unsent data on it stays there; the user must sign in again to send it.',
  createTitle: 'Create one account',
  username: 'Username',
  usernameHelp:
    'Letters a–z without accents, digits, dot, underscore or hyphen; 3 characters or more.',
  displayName: 'Full name',
  role: 'Role',
  unit: 'Unit',
  create: 'Create account',
  working: 'Sending…',
  bulkTitle: 'Create many accounts from a spreadsheet (CSV)',
  bulkHelp:
    'One account a line: username, unit code, role, full name (optional), separated by commas or semicolons. A header line may stay. Example: xa-phuoc-binh,22783,commune_officer,Nguyễn Văn A',
  bulkFile: 'Choose a CSV file',
  bulkText: 'Or paste the sheet',
  bulkCheck: 'Check',
  bulkProblems:
    'The sheet has {{count, number}} problems. No account was created; fix the lines below and check again.',
  bulkProblem: 'Line {{line}}, {{field}}: {{message}}',
  bulkProblemLine: 'Line {{line}}: {{message}}',
  bulkPreview:
    'These {{count, number}} accounts will be created, all or none. Check them, then create.',
  bulkCreate: 'Create {{count, number}} accounts',
  fieldProblem: 'The {{field}}: {{message}}',
  field_username: 'username',
  field_orgUnitId: 'unit code',
  field_role: 'role',
  field_displayName: 'full name',
  problem_columns:
    'needs 3 or 4 columns (username, unit code, role, full name) separated by commas or semicolons.',
  problem_duplicate: 'this name is already on a line above; every account needs its own.',
  problem_too_small: 'too short (a username needs 3 characters or more, a name cannot be empty).',
  problem_too_big: 'too long (a username has at most 64 characters, a name at most 200).',
  problem_invalid_format:
    'may contain only letters a–z without accents, digits, dot, underscore or hyphen.',
  problem_invalid_value:
    'must be one of: commune_officer, district_reviewer, province_admin, viewer, admin.',
  problem_unknownUnit: 'there is no unit with code {{value}}; check the unit code (GSO code).',
  problem_outOfScope: 'unit {{value}} is outside the area you manage.',
  problem_roleNotAllowed: 'you may not give the role {{value}}.',
  problem_taken: 'the name {{value}} is already in use; choose another.',
  problem_empty: 'The sheet has no account lines yet.',
  problem_other: 'not a valid value; check this cell.',
  credTitle: 'First passwords — shown once',
  credWarn:
    'Print this sheet now. Once you leave this screen the passwords cannot be seen again (only reset).',
  print: 'Print sheet',
  credDone: 'Printed, hide the passwords',
  sheetTitle: 'First-time sign-in details',
  sheetHint:
    'Open the app’s address and sign in with the username and password below. Keep the password private; if it is lost, ask the administrator to reset it.',
  lineUnit: 'Unit',
  lineName: 'Name',
  lineUsername: 'Username',
  linePassword: 'Password',
  lineAddress: 'Address',
  leaveWarn:
    'The passwords just made have not been printed. Leaving this screen they cannot be seen again. Leave anyway?',
  created: '{{count, number}} accounts created.',
  resetDone: 'The password of {{name}} was reset; every device of the account was signed out.',
  deactivated: '{{name}} was deactivated.',
  reactivated: '{{name}} was reactivated.',
  revoked: 'The device "{{name}}" was signed out.',
  failure_offline:
    'The server cannot be reached. Managing accounts needs a connection; try again when online.',
  failure_signedOut: 'Your session has ended; sign in again, then repeat this.',
  failure_notAllowed:
    'You may not manage this account (outside your scope, or a role above your rights).',
  failure_validation: 'The server did not accept these values; check the fields and send again.',
  failure_validationUnit:
    'The server has no unit with code {{unitId}}; fix the unit code and send again. No account was created.',
  failure_conflict: 'This conflicts with the data on the server; reload the list and try again.',
  failure_conflictUsername:
    'The username {{username}} is already in use; change it and send again. No account was created.',
  failure_notFound: 'This account or device is no longer there; reload the list.',
  failure_busy: 'Sent many times just now; wait a minute and try again.',
  failure_server: 'The server could not do this; try again later.',
  reload: 'Reload',
};
