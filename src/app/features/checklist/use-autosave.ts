import { useEffect, useRef } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Indicator } from '../../../shared/schemas/template';
import { toAnswerValue, toFormValues, type AnswerFormValues } from './answer-form';
import { AUTOSAVE_DELAY_MS } from './autosave-delay';
import type { StoredAnswer } from './use-checklist';

export { AUTOSAVE_DELAY_MS };

export type AnswerFields = { value?: unknown; note?: string | null };
/** Saves the changed fields; resolves with the revision the answer record got on the phone. */
export type SaveAnswer = (fields: AnswerFields) => Promise<number | undefined>;

function sameValue(a: unknown, b: unknown) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const noteText = (note: unknown) => (typeof note === 'string' ? note : '');

/** Every mounted card's flush: a submit first saves what is still waiting for its debounce. */
const flushes = new Set<() => Promise<void>>();
export async function flushPendingAnswers(): Promise<void> {
  await Promise.all([...flushes].map((flush) => flush()));
}

/** What the card believes the phone holds: its own last save, or the last change it adopted. */
interface Known {
  value: unknown;
  note: string;
  /** The highest record revision the card has seen or written. */
  rev: number;
}

/**
 * Shows a newer stored answer in the card, field by field, unless the officer has changed that
 * field since the last save (their text wins: it will be saved, and the newer edit is theirs).
 */
function adoptIncoming(
  form: UseFormReturn<AnswerFormValues>,
  indicator: Indicator,
  known: Known,
  incoming: StoredAnswer,
): void {
  if (incoming.rev < known.rev) return;
  known.rev = incoming.rev;
  const values = form.getValues();
  const typed = toAnswerValue(indicator, values);
  const valueUntouched =
    typed.kind !== 'invalid' && sameValue(typed.kind === 'value' ? typed.value : null, known.value);
  const incomingValue = incoming.value ?? null;
  const incomingNote = noteText(incoming.note);
  if (valueUntouched && !sameValue(incomingValue, known.value)) {
    // `known` first: the watch subscription sees setValue, and its flush must find nothing new.
    known.value = incomingValue;
    const next = toFormValues(indicator, incomingValue, incomingNote);
    for (const field of ['raw', 'numerator', 'denominator'] as const)
      form.setValue(field, next[field], { shouldValidate: true });
  }
  if (values.note === known.note && incomingNote !== known.note) {
    known.note = incomingNote;
    form.setValue('note', incomingNote, { shouldValidate: true });
  }
}

/**
 * Saves what the officer types within 300 ms of the last keystroke (and at once when the page is
 * hidden — the moment a phone kills a tab), sending only the fields that changed. An invalid entry
 * is not saved; it stays visible in the field with its message until it is corrected.
 *
 * A change from elsewhere (another phone's edit pulled, a refusal putting the server's value back)
 * is shown in the card, field by field, under three rules that keep every keystroke:
 * - a read whose revision is older than what the card has seen or written is stale and ignored
 *   (live queries can resolve after a later write has committed — resetting to one is how typing
 *   was lost while the first sync ran);
 * - nothing is adopted while one of the card's own saves is still being written: the decision is
 *   taken again once it has landed, against the record it produced;
 * - a field the officer has changed since the last save keeps what they typed (it will be saved,
 *   and a newer edit wins); only untouched fields take the new value.
 */
export function useAutosave(
  form: UseFormReturn<AnswerFormValues>,
  indicator: Indicator,
  stored: StoredAnswer,
  save: SaveAnswer,
) {
  const known = useRef<Known>({
    value: stored.value ?? null,
    note: noteText(stored.note),
    rev: stored.rev,
  });
  const latest = useRef(stored);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const savesInFlight = useRef(0);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  useEffect(() => {
    latest.current = stored;
    if (savesInFlight.current === 0) adoptIncoming(form, indicator, known.current, stored);
  }, [stored, form, indicator]);

  useEffect(() => {
    const flush = (): Promise<void> => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const values = form.getValues();
      const converted = toAnswerValue(indicator, values);
      const fields: AnswerFields = {};
      if (converted.kind !== 'invalid') {
        const value = converted.kind === 'value' ? converted.value : null;
        if (!sameValue(value, known.current.value)) fields.value = value;
      }
      if (values.note !== known.current.note && values.note.length <= 4000)
        fields.note = values.note === '' ? null : values.note;
      if (Object.keys(fields).length === 0) return Promise.resolve();
      if ('value' in fields) known.current.value = fields.value;
      if ('note' in fields) known.current.note = values.note;
      savesInFlight.current += 1;
      return saveRef
        .current(fields)
        .then((rev) => {
          if (rev !== undefined) known.current.rev = Math.max(known.current.rev, rev);
        })
        .finally(() => {
          savesInFlight.current -= 1;
          if (savesInFlight.current === 0)
            adoptIncoming(form, indicator, known.current, latest.current);
        });
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
