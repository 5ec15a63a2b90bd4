import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { MinhChungDb } from './db/database';
import { readSession } from './features/auth/session';
import { initI18n } from './i18n';
import './styles.css';
import './shell.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const db = new MinhChungDb();
const [initialSession] = await Promise.all([readSession(db), initI18n()]);
createRoot(container).render(
  <StrictMode>
    <App db={db} baseUrl="" initialSession={initialSession} />
  </StrictMode>,
);
