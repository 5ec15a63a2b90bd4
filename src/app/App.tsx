import { useTranslation } from 'react-i18next';
import { HomeScreen } from './features/home/HomeScreen';
import { LanguageSwitch } from './ui/LanguageSwitch';
import { NetworkBadge } from './ui/NetworkBadge';
import { UpdatePrompt } from './ui/UpdatePrompt';

export function App() {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <header className="app-header">
        <div>
          <h1 data-testid="app-name">{t('app.name')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <NetworkBadge />
      <main>
        <p className="movement">{t('app.movement')}</p>
        <HomeScreen />
      </main>
      <UpdatePrompt />
    </div>
  );
}
