import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitTree } from '../../../shared/api/units';
import type { OrgUnit } from '../../../shared/schemas/org';
import { AdminCallError, type Connection } from '../../api/admin-call';
import { useDateFormat } from '../../ui/format-date';
import { MergeRefusal, mergeUnits } from './api';
import { failureText, refusalText, unitLabel } from './words';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Record a merge: the unit that takes the others over, the units merged into it (of its level,
 * its siblings first), and the day it takes effect. The server checks it with the same pure rules
 * (merge.ts) and names the reason when it refuses.
 */
export function UnitMerge(props: { connection: Connection; tree: UnitTree; onMerged: () => void }) {
  const { t, i18n } = useTranslation('adminUnits');
  const dates = useDateFormat();
  const retired = useMemo(
    () => new Set(props.tree.merges.flatMap((merge) => merge.sources)),
    [props.tree.merges],
  );
  const active = props.tree.units.filter((unit) => unit.parentId !== null && !retired.has(unit.id));
  const byId = new Map(props.tree.units.map((unit) => [unit.id, unit]));
  const [targetId, setTargetId] = useState('');
  const [sourceIds, setSourceIds] = useState<readonly string[]>([]);
  const [effectiveOn, setEffectiveOn] = useState(today);
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  const target = byId.get(targetId);
  const candidates = target
    ? active
        .filter((unit) => unit.level === target.level && unit.id !== target.id)
        .sort(
          (a, b) =>
            Number(b.parentId === target.parentId) - Number(a.parentId === target.parentId) ||
            a.path.localeCompare(b.path),
        )
    : [];
  const label = (unit: OrgUnit | undefined, code: string) =>
    unit ? unitLabel(unit, i18n.language) : code;

  const submit = async () => {
    if (!target || sourceIds.length === 0) {
      setMessage({ text: t('mergeNeedsChoice'), alert: true });
      return;
    }
    const names = sourceIds.map((id) => label(byId.get(id), id)).join(', ');
    const targetName = label(target, target.id);
    if (
      !window.confirm(
        t('mergeConfirm', {
          sources: names,
          target: targetName,
          date: dates.date(effectiveOn),
        }),
      )
    )
      return;
    try {
      await mergeUnits(props.connection, {
        sources: [...sourceIds],
        target: target.id,
        effectiveOn,
      });
      setMessage({
        text: t('mergeDone', { sources: names, target: targetName }),
        alert: false,
      });
      setSourceIds([]);
      props.onMerged();
    } catch (error) {
      const refusal =
        error instanceof AdminCallError ? MergeRefusal.safeParse(error.details) : null;
      const text = refusal?.success
        ? refusalText(
            t,
            refusal.data.refusal,
            label(byId.get(refusal.data.unit), refusal.data.unit),
          )
        : null;
      setMessage({ text: text ?? failureText(t, error), alert: true });
    }
  };

  return (
    <section className="card" aria-labelledby="unit-merge-title" data-testid="unit-merge">
      <h3 id="unit-merge-title">{t('mergeTitle')}</h3>
      <p className="small muted">{t('mergeExplain')}</p>
      <label className="field">
        <span>{t('mergeTarget')}</span>
        <select
          value={targetId}
          data-testid="merge-target"
          onChange={(event) => {
            setTargetId(event.target.value);
            setSourceIds([]);
          }}
        >
          <option value="">{t('mergeChooseTarget')}</option>
          {active.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {label(unit, unit.id)}
            </option>
          ))}
        </select>
      </label>
      {target ? (
        <fieldset className="merge-sources">
          <legend>{t('mergeSources')}</legend>
          {candidates.map((unit) => (
            <label key={unit.id} className="check">
              <input
                type="checkbox"
                value={unit.id}
                data-testid={`merge-source-${unit.id}`}
                checked={sourceIds.includes(unit.id)}
                onChange={(event) =>
                  setSourceIds((ids) =>
                    event.target.checked ? [...ids, unit.id] : ids.filter((id) => id !== unit.id),
                  )
                }
              />
              {label(unit, unit.id)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="field">
        <span>{t('mergeEffective')}</span>
        <input
          type="date"
          value={effectiveOn}
          data-testid="merge-effective"
          onChange={(event) => setEffectiveOn(event.target.value)}
        />
      </label>
      <button type="button" onClick={() => void submit()} data-testid="merge-submit">
        {t('mergeSubmit')}
      </button>
      {message ? (
        <p role={message.alert ? 'alert' : 'status'} data-testid="merge-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
