import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Mutation } from '../../src/shared/protocol/sync';
import {
  templateIndicators,
  type Indicator,
  type Template,
} from '../../src/shared/schemas/template';

export const shippedTemplate = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../data/template-cds-xa-2025.json'), 'utf8'),
) as Template;

export const allIndicators: Indicator[] = templateIndicators(shippedTemplate);

/** A valid, full-marks-ish value for any indicator type. */
export function goodValue(indicator: Indicator): unknown {
  switch (indicator.type) {
    case 'boolean':
      return true;
    case 'choice':
      return indicator.options[0]?.value;
    case 'count':
      return 5;
    case 'ratio':
      return { numerator: 9, denominator: 10 };
    case 'percent':
      return 95;
    case 'text':
      return 'Có';
    case 'date':
      return '2025-06-30';
  }
}

export function answerAll(
  submissionId: string,
  nextId: () => string,
  at = '2026-01-01T00:00:00.000Z',
): Mutation[] {
  return allIndicators.map((indicator) => ({
    id: nextId(),
    at,
    type: 'answer.set',
    submissionId,
    indicatorId: indicator.id,
    fields: { value: goodValue(indicator) },
  }));
}
