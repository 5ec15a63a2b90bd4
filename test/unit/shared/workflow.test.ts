import { describe, expect, it } from 'vitest';
import type { SubmissionStatus } from '../../../src/shared/schemas/submission';
import {
  SUBMISSION_STATUSES,
  WORKFLOW_EVENTS,
  allowedEvents,
  isEditableByCommune,
  isWorkflowEvent,
  nextStatus,
  requiresReason,
  type WorkflowEvent,
} from '../../../src/shared/workflow/state-machine';

// Rows: current status. Columns: the event. Cells: the next status, or null when not allowed.
const EXPECTED: Record<SubmissionStatus, Record<WorkflowEvent, SubmissionStatus | null>> = {
  draft: {
    submit: 'submitted',
    return: null,
    approve: null,
    accept: null,
    sendBack: null,
    reopen: null,
    withdraw: null,
  },
  submitted: {
    submit: null,
    return: 'returned',
    approve: 'approved',
    accept: null,
    sendBack: null,
    reopen: null,
    withdraw: null,
  },
  returned: {
    submit: 'submitted',
    return: null,
    approve: null,
    accept: null,
    sendBack: null,
    reopen: null,
    withdraw: null,
  },
  approved: {
    submit: null,
    return: null,
    approve: null,
    accept: 'accepted',
    sendBack: 'submitted',
    reopen: null,
    withdraw: 'submitted',
  },
  accepted: {
    submit: null,
    return: null,
    approve: null,
    accept: null,
    sendBack: null,
    reopen: 'returned',
    withdraw: null,
  },
};

describe('workflow state machine', () => {
  it('knows five statuses and six events', () => {
    expect([...SUBMISSION_STATUSES]).toEqual([
      'draft',
      'submitted',
      'returned',
      'approved',
      'accepted',
    ]);
    expect([...WORKFLOW_EVENTS]).toEqual([
      'submit',
      'return',
      'approve',
      'accept',
      'sendBack',
      'reopen',
      'withdraw',
    ]);
  });

  for (const status of SUBMISSION_STATUSES) {
    for (const event of WORKFLOW_EVENTS) {
      const expected = EXPECTED[status][event];
      it(`${status} + ${event} → ${expected ?? 'not allowed'}`, () => {
        expect(nextStatus(status, event)).toBe(expected);
      });
    }
  }

  it('lists the allowed events of each status', () => {
    expect(allowedEvents('draft')).toEqual(['submit']);
    expect(allowedEvents('submitted')).toEqual(['return', 'approve']);
    expect(allowedEvents('returned')).toEqual(['submit']);
    expect(allowedEvents('approved')).toEqual(['accept', 'sendBack', 'withdraw']);
    expect(allowedEvents('accepted')).toEqual(['reopen']);
  });

  it('lets the commune edit only drafts and returned submissions', () => {
    expect(SUBMISSION_STATUSES.filter(isEditableByCommune)).toEqual(['draft', 'returned']);
  });

  it('asks for a reason when work is handed back', () => {
    expect(WORKFLOW_EVENTS.filter(requiresReason)).toEqual(['return', 'sendBack', 'reopen']);
  });

  it('treats unknown events from the network as not allowed', () => {
    expect(isWorkflowEvent('approve')).toBe(true);
    expect(isWorkflowEvent('toString')).toBe(false);
    expect(nextStatus('submitted', 'toString' as WorkflowEvent)).toBeNull();
    expect(requiresReason('constructor' as WorkflowEvent)).toBe(false);
  });
});
