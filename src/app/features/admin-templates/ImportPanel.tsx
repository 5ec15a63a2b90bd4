import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TEMPLATE_MAX_BYTES,
  type TemplateCheckResponse,
  type TemplateImported,
} from '../../../shared/api/templates';
import { formatBytes } from '../../ui/format';
import { checkTemplate, failureOfError, importTemplate, type Connection } from './api';
import type { TemplateFailure } from './api';
import { failureText } from './failure-text';
import { ProblemList } from './ProblemList';
import { readTemplateFile, type ReadFile } from './read-file';

type PanelState =
  | { kind: 'idle' }
  | { kind: 'checking'; name: string }
  | { kind: 'badFile'; name: string; file: Exclude<ReadFile, { kind: 'json' }> }
  | { kind: 'checked'; name: string; text: string; value: unknown; check: TemplateCheckResponse }
  | { kind: 'importing'; name: string }
  | { kind: 'imported'; name: string; result: TemplateImported }
  | { kind: 'failed'; name: string; failure: TemplateFailure; value: unknown };

function FileProblem({ file }: { file: Exclude<ReadFile, { kind: 'json' }> }) {
  const { t, i18n } = useTranslation('adminTemplates');
  const text =
    file.kind === 'tooLarge'
      ? t('tooLarge', {
          size: formatBytes(file.size, i18n.language),
          max: formatBytes(TEMPLATE_MAX_BYTES, i18n.language),
        })
      : file.kind === 'unreadable'
        ? t('unreadable')
        : file.line !== null && file.column !== null
          ? t('notJsonAt', { line: String(file.line), column: String(file.column) })
          : t('notJson');
  return (
    <p className="card banner-error" role="alert" data-testid="template-file-error">
      {text}
    </p>
  );
}

/** What the server said of a valid file: what an import would store, or that it repeats one. */
function CheckedSummary({ value, check }: { value: unknown; check: TemplateCheckResponse }) {
  const { t } = useTranslation('adminTemplates');
  const wouldBe = check.wouldBe;
  if (!wouldBe) return null;
  if (wouldBe.unchanged)
    return (
      <p className="card banner-warn" role="status" data-testid="template-unchanged">
        {t('unchanged', { version: String(wouldBe.version) })}
      </p>
    );
  const requested =
    typeof value === 'object' && value !== null && 'version' in value ? value.version : null;
  return (
    <div className="card banner-ok" role="status" data-testid="template-valid">
      <p>
        {t('wouldBeNew', {
          version: String(wouldBe.version),
          id: wouldBe.templateId,
        })}
      </p>
      {typeof requested === 'number' && requested !== wouldBe.version ? (
        <p className="small">
          {t('renumberNote', {
            requested: String(requested),
            version: String(wouldBe.version),
          })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Choose a .json file → it is read and parsed on the phone, checked by the server (nothing
 * stored), every problem listed; a valid new file is imported with one more tap.
 */
export function ImportPanel({
  connection,
  onImported,
}: {
  connection: Connection;
  onImported: (result: TemplateImported) => void;
}) {
  const { t } = useTranslation('adminTemplates');
  const [state, setState] = useState<PanelState>({ kind: 'idle' });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file chosen again after an edit must fire a change event again.
    event.target.value = '';
    if (!file) return;
    const name = file.name;
    setState({ kind: 'checking', name });
    const read = await readTemplateFile(file);
    if (read.kind !== 'json') return setState({ kind: 'badFile', name, file: read });
    try {
      const check = await checkTemplate(connection, read.text);
      setState({ kind: 'checked', name, text: read.text, value: read.value, check });
    } catch (error) {
      setState({ kind: 'failed', name, failure: failureOfError(error), value: read.value });
    }
  };

  const onImport = async (text: string, value: unknown) => {
    const name = 'name' in state ? state.name : '';
    setState({ kind: 'importing', name });
    try {
      const result = await importTemplate(connection, text);
      setState({ kind: 'imported', name, result });
      onImported(result);
    } catch (error) {
      setState({ kind: 'failed', name, failure: failureOfError(error), value });
    }
  };

  const busy = state.kind === 'checking' || state.kind === 'importing';
  return (
    <section className="card" aria-labelledby="template-import-title">
      <h2 id="template-import-title">{t('pickFile')}</h2>
      {/* The browser's own file button speaks the browser's language ("Choose File"); this label
          is the button, in ours, and the input inside it stays reachable by keyboard. */}
      <label className={busy ? 'file-pick disabled' : 'file-pick'}>
        <input
          type="file"
          className="visually-hidden"
          accept=".json,application/json"
          disabled={busy}
          onChange={(event) => void onFile(event)}
          data-testid="template-file"
        />
        {t('chooseFile')}
      </label>
      {'name' in state && state.name ? (
        <p className="small muted">{t('fileName', { name: state.name })}</p>
      ) : null}
      {state.kind === 'checking' ? <p role="status">{t('checking')}</p> : null}
      {state.kind === 'importing' ? <p role="status">{t('importing')}</p> : null}
      {state.kind === 'badFile' ? <FileProblem file={state.file} /> : null}
      {state.kind === 'checked' && state.check.problems.length > 0 ? (
        <ProblemList problems={state.check.problems} input={state.value} />
      ) : null}
      {state.kind === 'checked' ? <CheckedSummary value={state.value} check={state.check} /> : null}
      {state.kind === 'checked' && state.check.wouldBe && !state.check.wouldBe.unchanged ? (
        <button
          type="button"
          onClick={() => void onImport(state.text, state.value)}
          data-testid="template-import"
        >
          {t('import', { version: String(state.check.wouldBe.version) })}
        </button>
      ) : null}
      {state.kind === 'imported' ? (
        <p className="card banner-ok" role="status" data-testid="template-imported">
          {state.result.renumbered
            ? t('importedRenumbered', {
                version: String(state.result.summary.version),
                id: state.result.summary.templateId,
                requested: String(state.result.requestedVersion),
              })
            : t('imported', {
                version: String(state.result.summary.version),
                id: state.result.summary.templateId,
              })}
        </p>
      ) : null}
      {state.kind === 'failed' && state.failure.kind === 'invalid' ? (
        <ProblemList problems={state.failure.problems} input={state.value} />
      ) : null}
      {state.kind === 'failed' && state.failure.kind !== 'invalid' ? (
        <p className="card banner-error" role="alert" data-testid="template-failure">
          {failureText(t, state.failure)}
        </p>
      ) : null}
    </section>
  );
}
