import { useTranslation } from 'react-i18next';
import { DeploymentSummary } from './DeploymentSummary';
import { useDeployment } from './use-deployment';

export function HomeScreen() {
  const { t } = useTranslation();
  const { state, retry } = useDeployment();

  if (state.kind === 'loading') {
    return (
      <p className="card muted" aria-busy="true">
        {t('deployment.loading')}
      </p>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="card error" role="alert">
        <p>{t('deployment.loadFailed')}</p>
        <button type="button" onClick={retry}>
          {t('deployment.retry')}
        </button>
      </div>
    );
  }
  return <DeploymentSummary deployment={state.deployment} />;
}
