import { useEffect, useRef } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Indicator } from '../../../shared/schemas/template';
import { toAnswerValue, toFormValues, type AnswerFormValues } from './answer-form';

export const AUTOSAVE_DELAY_MS = 300;

type Save = (fields: { value?: unknown; note?: string | null }) => Promise<void>;

function sameValue(a: unknown, b: unknown) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A saved state in the shape of `storedKey` below ('' and undefined read as null). */
const keyOf = (saved: { value: unknown; note: string }) =>
  JSON.stringify([saved.value ?? null, saved.note === '' ? null : saved.note]);

/** Every mounted card's flush: a submit first saves what is still waiting for its debounce. */
const flushes = new Set<() => Promise<void>>();
export async function flushPendingAnswers(): Promise<void> {
  await Promise.all([...flushes].map((flush) => flush()));
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
  /** Our saves not yet seen back from the database, oldest first. */
  const echoes = useRef<string[]>([]);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // A value that changed elsewhere (another phone, a refusal putting the server's value back)
  // replaces what the card shows. Our own saves do not trigger this: they are what `last` holds.
  const storedKey = JSON.stringify([stored.value ?? null, stored.note ?? null]);
  useEffect(() => {
    const [value, note] = JSON.parse(storedKey) as [unknown, unknown];
    if (keyOf(last.current) === storedKey) {
      echoes.current = [];
      return;
    }
    // A late echo of one of our own earlier saves is not a change from elsewhere: resetting to it
    // would throw away what was typed since.
    const echo = echoes.current.indexOf(storedKey);
    if (echo >= 0) {
      echoes.current.splice(0, echo + 1);
      return;
    }
    echoes.current = [];
    last.current = { value, note: typeof note === 'string' ? note : '' };
    form.reset(toFormValues(indicator, value, note));
  }, [storedKey, form, indicator]);

  useEffect(() => {
    const flush = (): Promise<void> => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const values = form.getValues();
      const converted = toAnswerValue(indicator, values);
      if (converted.kind === 'invalid') return Promise.resolve();
      const value = converted.kind === 'value' ? converted.value : null;
      const fields: { value?: unknown; note?: string | null } = {};
      if (!sameValue(value, last.current.value)) fields.value = value;
      if (values.note !== last.current.note && values.note.length <= 4000)
        fields.note = values.note === '' ? null : values.note;
      if (Object.keys(fields).length === 0) return Promise.resolve();
      last.current = {
        value: 'value' in fields ? fields.value : last.current.value,
        note: values.note,
      };
      echoes.current.push(keyOf(last.current));
      return saveRef.current(fields);
    };
    flushes.add(flush);
    const subscription = form.watch(() => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHide);
    const onPageHide = () => void flush();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      flushes.delete(flush);
      subscription.unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      void flush();
    };
  }, [form, indicator]);
}
