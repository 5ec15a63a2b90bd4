import type { AdminTemplatesMessages } from './admin-templates-vi';

export const adminTemplatesEn: AdminTemplatesMessages = {
  title: 'Checklist templates',
  explain:
    'Import a checklist template from a .json file. An imported template is never edited: importing a template that exists makes a new version, and campaigns using the older version keep it unchanged.',
  pickFile: 'Choose a template file (.json)',
  chooseFile: 'Choose a file…',
  checking: 'Checking the file…',
  importing: 'Importing…',
  import: 'Import as version {{version}}',
  fileName: 'File: {{name}}',
  notJson:
    'This file is not valid JSON. Open it in a text editor, fix the syntax (usually a missing comma, bracket or quote), then choose it again.',
  notJsonAt:
    'This file is not valid JSON: a syntax error at line {{line}}, column {{column}}. Open it in a text editor, fix that place (usually a missing comma, bracket or quote), then choose it again.',
  tooLarge:
    'The file is too large ({{size}}; at most {{max}}). A template is usually a few tens of KB: check that you chose the right file.',
  unreadable: 'This file could not be read. Choose it again.',
  problemsTitle_one: 'The file has {{count}} problem to fix before it can be imported:',
  problemsTitle_other: 'The file has {{count}} problems to fix before it can be imported:',
  problemsFix: 'Fix these in the file, then choose the file again.',
  pathLabel: 'Place in the file:',
  valid:
    'The file is valid: {{pillars}} pillars, {{indicators}} indicators, {{max}} points in total.',
  wouldBeNew: 'It will be stored as version {{version}} of template “{{id}}”.',
  renumberNote: 'The file says version {{requested}}; the server will number it {{version}}.',
  unchanged:
    'The file has exactly the content of version {{version}}, which already exists, so there is nothing to import. For a new version, change the content and choose the file again.',
  imported:
    'Imported as version {{version}} of template “{{id}}”. Phones receive it at their next sync.',
  importedRenumbered:
    'Imported as version {{version}} of template “{{id}}” (the file said version {{requested}}; renumbered because the template already had earlier versions). Phones receive it at their next sync.',
  versionsTitle: 'Versions',
  versionsEmpty: 'No templates yet.',
  loading: 'Loading the templates…',
  version: 'Version {{version}}',
  counts: '{{pillars}} pillars · {{indicators}} indicators · {{max}} points',
  importedAt: 'Imported {{when}} by {{who}}',
  shippedAt: 'Shipped with the installation ({{when}})',
  usedBy: 'Used by: {{campaigns}}',
  usedByNone: 'No campaign uses this version yet.',
  campaignStatus_draft: 'draft',
  campaignStatus_open: 'open',
  campaignStatus_closed: 'closed',
  preview: 'Preview',
  previewTitle: 'Preview: {{title}}, version {{version}}',
  previewExplain:
    'The checklist exactly as a commune officer will see it, for reading only: nothing is filled in or saved.',
  previewClose: 'Close the preview',
  previewLoading: 'Loading the version…',
  failure_offline:
    'The server cannot be reached. Managing templates needs a connection; try again when online.',
  failure_signedOut: 'Your session has ended; sign in again, then retry.',
  failure_notAllowed: 'Your account may not manage the templates of the whole province.',
  failure_tooLarge: 'The file is too large for the server. Check that you chose the right file.',
  failure_notJson:
    'The server could not read the file as JSON. Check its syntax and choose it again.',
  failure_busy: 'Too many attempts just now; wait a minute and try again.',
  failure_notFound: 'This version is no longer on the server; reload the page.',
  failure_server: 'The server could not do this yet; try again later.',
  placeTemplate: 'The template',
  placePillar: 'Pillar {{n}}',
  placePillarNamed: 'Pillar {{n}} ({{name}})',
  placeIndicator: 'indicator {{n}}',
  placeIndicatorNamed: 'indicator {{n}} (id {{id}})',
  placeOption: 'option {{n}}',
  placeOptionNamed: 'option {{n}} (“{{value}}”)',
  placeTier: 'tier {{n}}',
  value_missing: 'nothing',
  value_null: 'empty (null)',
  value_list: 'a list',
  value_object: 'a group of fields',
  value_text: 'the text “{{text}}”',
  value_number: 'the number {{number}}',
  value_boolean: 'the yes/no value {{value}}',
  expected_string: 'text',
  expected_number: 'a number',
  expected_int: 'a whole number',
  expected_boolean: 'true or false',
  expected_array: 'a list [ ]',
  expected_object: 'a group of fields { }',
  expected_other: 'one of the allowed forms',
  problem_required: 'the field “{{field}}” is missing; add it.',
  problem_wrong_type: 'the field “{{field}}” should be {{expected}} but it is {{actual}}.',
  problem_unknown_field:
    'the field “{{field}}” is not part of the template format; check its spelling or remove it.',
  problem_not_one_of: 'the field “{{field}}” must be one of {{allowed}} but it is {{actual}}.',
  problem_too_small: 'the field “{{field}}” must be at least {{minimum}} but it is {{actual}}.',
  problem_too_big: 'the field “{{field}}” must be at most {{maximum}} but it is {{actual}}.',
  problem_empty: 'the field “{{field}}” must not be empty.',
  problem_wrong_format: 'the field “{{field}}” is not in the expected format.',
  problem_duplicate_id:
    'the id “{{id}}” is used twice (first at {{first}}); each needs its own id, because answers are filed under it.',
  problem_points_mismatch:
    'the pillar says {{declared}} points but its indicators add up to {{sum}}; make the pillar’s “maxPoints” the sum of its indicators’.',
  problem_max_score_mismatch:
    'the template total (“maxScore”) says {{declared}} but the pillars add up to {{sum}}; make them equal.',
  problem_tier_exceeds_max:
    'tier {{tier}} gives {{points}} points, more than the indicator’s maximum of {{maxPoints}}.',
  problem_tiers_not_descending:
    'tier {{tier}} has “{{tierField}}” {{actual}}, not below the {{previous}} of the tier before; list the tiers from the highest down.',
  problem_no_tier_scores_max:
    'no tier gives the full {{maxPoints}} points (the best gives {{best}}), so no commune could reach full points.',
  problem_option_exceeds_max:
    'option {{option}} gives {{points}} points, more than the indicator’s maximum of {{maxPoints}}.',
  problem_duplicate_option:
    'the option value “{{value}}” is used twice; each option needs its own value.',
  problem_no_option_scores_max:
    'no option gives the full {{maxPoints}} points (the best gives {{best}}), so no commune could reach full points.',
  problem_none_rule_has_points:
    'the indicator only collects information (scoring rule “none”), so its “maxPoints” must be 0, but it is {{maxPoints}}.',
};
