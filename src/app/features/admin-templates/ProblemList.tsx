import { useTranslation } from 'react-i18next';
import type { TemplateProblemWire } from '../../../shared/api/templates';
import { problemSentence } from './problem-text';

/** Every problem of the file, each in words with the JSON path to find it by. */
export function ProblemList({
  problems,
  input,
}: {
  problems: TemplateProblemWire[];
  input: unknown;
}) {
  const { t, i18n } = useTranslation('adminTemplates');
  return (
    <div className="card banner-error" role="alert" data-testid="template-problems">
      <p>{t('problemsTitle', { count: problems.length })}</p>
      <ol className="problem-list">
        {problems.map((problem) => (
          <li key={`${problem.path} ${problem.code}`} data-testid="template-problem">
            <span data-testid="problem-sentence">
              {problemSentence(t, problem, input, i18n.language)}
            </span>
            <br />
            <span className="small muted">
              {t('pathLabel')} <code data-testid="problem-path">{problem.path}</code>
            </span>
          </li>
        ))}
      </ol>
      <p className="small">{t('problemsFix')}</p>
    </div>
  );
}
