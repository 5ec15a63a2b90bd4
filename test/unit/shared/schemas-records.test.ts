import { describe, expect, it } from 'vitest';
import {
  ApiErrorBody,
  ERROR_CODES,
  ERROR_HTTP_STATUS,
  ErrorCode,
  apiErrorBody,
  isErrorCode,
} from '../../../src/shared/errors';
import {
  Campaign,
  DECISIONS_REQUIRING_REASON,
  Evidence,
  OrgUnit,
  Review,
  Submission,
  User,
  isPhotoMime,
} from '../../../src/shared/schemas/index';
import { WORKFLOW_EVENTS, requiresReason } from '../../../src/shared/workflow/state-machine';

describe('records', () => {
  const sha = 'a'.repeat(64);
  const evidence = {
    id: 'e1',
    submissionId: 's1',
    indicatorId: '1.1',
    sha256: sha,
    mime: 'image/jpeg',
    bytes: 320_000,
    caption: 'Quyết định số 12',
    createdBy: 'u1',
    createdAt: '2025-11-26T01:00:00Z',
  };

  it('Evidence: accepts full metadata and rejects bad hashes, types and captions', () => {
    expect(Evidence.safeParse(evidence).success).toBe(true);
    expect(
      Evidence.safeParse({
        ...evidence,
        width: 1600,
        height: 1200,
        capturedAt: '2025-11-25T10:00:00+07:00',
        gps: { lat: 11.56, lng: 108.99, accuracy: 12 },
        thumbSha256: 'b'.repeat(64),
        deleted: true,
      }).success,
    ).toBe(true);
    expect(Evidence.safeParse({ ...evidence, sha256: 'A'.repeat(64) }).success).toBe(false);
    expect(Evidence.safeParse({ ...evidence, sha256: 'a'.repeat(63) }).success).toBe(false);
    expect(Evidence.safeParse({ ...evidence, mime: 'image/gif' }).success).toBe(false);
    expect(Evidence.safeParse({ ...evidence, caption: 'x'.repeat(501) }).success).toBe(false);
    expect(Evidence.safeParse({ ...evidence, gps: { lat: 91, lng: 0 } }).success).toBe(false);
    expect(isPhotoMime('image/webp')).toBe(true);
    expect(isPhotoMime('application/pdf')).toBe(false);
  });

  it('Review: return, sendBack, reopen (and comment) need a non-blank reason', () => {
    const review = { id: 'r1', submissionId: 's1', by: 'u2', at: '2025-11-26T01:00:00Z' };
    expect(Review.safeParse({ ...review, decision: 'approve' }).success).toBe(true);
    expect(Review.safeParse({ ...review, decision: 'accept' }).success).toBe(true);
    for (const decision of ['return', 'sendBack', 'reopen', 'comment']) {
      expect(Review.safeParse({ ...review, decision }).success, decision).toBe(false);
      expect(Review.safeParse({ ...review, decision, reason: '  ' }).success, decision).toBe(false);
      expect(
        Review.safeParse({ ...review, decision, reason: 'Thiếu ảnh', indicatorId: '1.1' }).success,
        decision,
      ).toBe(true);
    }
    expect(Review.safeParse({ ...review, decision: 'reject', reason: 'x' }).success).toBe(false);
  });

  it('Review decisions that need a reason agree with the workflow', () => {
    for (const event of WORKFLOW_EVENTS) {
      expect((DECISIONS_REQUIRING_REASON as readonly string[]).includes(event), event).toBe(
        requiresReason(event),
      );
    }
  });

  it('Campaign: checks dates and statuses', () => {
    const campaign = {
      id: 'c2025',
      templateId: 'cds-xa-2025',
      templateVersion: 1,
      title: { vi: 'Đánh giá CĐS cấp xã năm 2025' },
      period: { start: '2025-01-01', end: '2025-12-31' },
      deadline: '2026-01-15T17:00:00+07:00',
      assignedUnitIds: ['22738', '22741'],
      status: 'open',
    };
    expect(Campaign.safeParse(campaign).success).toBe(true);
    expect(
      Campaign.safeParse({ ...campaign, period: { start: '2025-12-31', end: '2025-01-01' } })
        .success,
    ).toBe(false);
    expect(Campaign.safeParse({ ...campaign, deadline: '2026-01-15' }).success).toBe(false);
    expect(Campaign.safeParse({ ...campaign, status: 'archived' }).success).toBe(false);
    expect(Campaign.safeParse({ ...campaign, assignedUnitIds: ['22738', '22738'] }).success).toBe(
      false,
    );
    expect(Campaign.safeParse({ ...campaign, templateVersion: 0 }).success).toBe(false);
  });

  it('Submission: every workflow status, optional score', () => {
    const submission = {
      id: 's1',
      campaignId: 'c2025',
      orgUnitId: '22738',
      status: 'draft',
      updatedAt: '2025-11-26T01:00:00Z',
    };
    for (const status of ['draft', 'submitted', 'returned', 'approved', 'accepted']) {
      expect(Submission.safeParse({ ...submission, status }).success).toBe(true);
    }
    expect(Submission.safeParse({ ...submission, score: 812.5 }).success).toBe(true);
    expect(Submission.safeParse({ ...submission, status: 'rejected' }).success).toBe(false);
    expect(Submission.safeParse({ ...submission, score: -1 }).success).toBe(false);
  });

  it('User: usernames are 3–64 of [a-z0-9._-], roles are the five known ones', () => {
    const user = {
      id: 'u1',
      username: 'commune-22783',
      displayName: 'Cán bộ xã',
      role: 'commune_officer',
      orgUnitId: '22783',
    };
    expect(User.safeParse(user).success).toBe(true);
    expect(User.safeParse({ ...user, disabled: true, role: 'admin' }).success).toBe(true);
    for (const username of ['ab', 'Commune', 'xã-1', 'a b c', 'x'.repeat(65)]) {
      expect(User.safeParse({ ...user, username }).success, username).toBe(false);
    }
    expect(User.safeParse({ ...user, role: 'superuser' }).success).toBe(false);
  });

  it('OrgUnit: id is the code and the path ends with it, after the parent', () => {
    const unit = {
      id: '22783',
      code: '22783',
      name: 'Phước Bình',
      level: 'commune',
      parentId: '584',
      path: '/58/584/22783/',
    };
    expect(OrgUnit.safeParse(unit).success).toBe(true);
    expect(OrgUnit.safeParse({ ...unit, id: 'x1' }).success).toBe(false);
    expect(OrgUnit.safeParse({ ...unit, path: '/58/584/22784/' }).success).toBe(false);
    expect(OrgUnit.safeParse({ ...unit, parentId: '58' }).success).toBe(false);
    expect(OrgUnit.safeParse({ ...unit, path: '58/584/22783' }).success).toBe(false);
    expect(
      OrgUnit.safeParse({
        ...unit,
        id: '58',
        code: '58',
        level: 'province',
        parentId: null,
        path: '/58/',
      }).success,
    ).toBe(true);
  });
});

describe('errors', () => {
  it('has stable codes, each with a 4xx status except INTERNAL', () => {
    expect(ERROR_CODES).toHaveLength(23);
    for (const code of ERROR_CODES) {
      expect(ErrorCode[code]).toBe(code);
      const status = ERROR_HTTP_STATUS[code];
      if (code === 'INTERNAL') expect(status).toBe(500);
      else expect(status >= 400 && status < 500, code).toBe(true);
    }
    expect(isErrorCode('OUT_OF_SCOPE')).toBe(true);
    expect(isErrorCode('NOPE')).toBe(false);
  });

  it('ApiErrorBody parses error responses and rejects unknown codes', () => {
    expect(ApiErrorBody.parse(apiErrorBody(ErrorCode.NOT_FOUND, 'No such unit'))).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such unit' },
    });
    expect(
      ApiErrorBody.safeParse(apiErrorBody(ErrorCode.VALIDATION_FAILED, 'Bad', { field: 'x' }))
        .success,
    ).toBe(true);
    expect(ApiErrorBody.safeParse({ error: { code: 'TEAPOT', message: 'x' } }).success).toBe(false);
    expect(ApiErrorBody.safeParse({ error: { code: 'INTERNAL' } }).success).toBe(false);
  });
});
