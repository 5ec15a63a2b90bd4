import { useEffect, useRef } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Indicator } from '../../../shared/schemas/template';
import { toAnswerValue, toFormValues, type AnswerFormValues } from './answer-form';

export const AUTOSAVE_DELAY_MS = 300;

type Save = (fields: { value?: unknown; note?: string | null }) => Promise<void>;

function sameValue(a: unknown, b: unknown) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Saves what the officer types within 300 ms of the last keystroke (and at once when the page is
 * hidden — the moment a phone kills a tab), sending only the fields that changed. An invalid entry
 * is not saved; it stays visible in the field with its message until it is corrected.
 */
export function useAutosave(
  form: UseFormReturn<AnswerFormValues>,
  indicator: Indicator,
  stored: { value: unknown; note: unknown },
  save: Save,
) {
  const last = useRef<{ value: unknown; note: string }>({
    value: stored.value ?? null,
    note: typeof stored.note === 'string' ? stored.note : '',
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // A value that changed elsewhere (another phone, a refusal putting the server's value back)
  // replaces what the card shows. Our own saves do not trigger this: they are what `last` holds.
  const storedKey = JSON.stringify([stored.value ?? null, stored.note ?? null]);
  useEffect(() => {
    const [value, note] = JSON.parse(storedKey) as [unknown, unknown];
    const current = JSON.stringify([
      last.current.value ?? null,
      last.current.note === '' ? null : last.current.note,
    ]);
    if (current === storedKey) return;
    last.current = { value, note: typeof note === 'string' ? note : '' };
    form.reset(toFormValues(indicator, value, note));
  }, [storedKey, form, indicator]);

  useEffect(() => {
    const flush = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const values = form.getValues();
      const converted = toAnswerValue(indicator, values);
      if (converted.kind === 'invalid') return;
      const value = converted.kind === 'value' ? converted.value : null;
      const fields: { value?: unknown; note?: string | null } = {};
      if (!sameValue(value, last.current.value)) fields.value = value;
      if (values.note !== last.current.note && values.note.length <= 4000)
        fields.note = values.note === '' ? null : values.note;
      if (Object.keys(fields).length === 0) return;
      last.current = {
        value: 'value' in fields ? fields.value : last.current.value,
        note: values.note,
      };
      void saveRef.current(fields);
    };
    const subscription = form.watch(() => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      subscription.unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [form, indicator]);
}
