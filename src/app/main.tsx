import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startDeploymentRequest } from './api/deployment-request';
import { MinhChungDb } from './db/database';
import { readSession } from './features/auth/session';
import { initI18n } from './i18n';
import './styles.css';
import './shell.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const db = new MinhChungDb();
const sessionRead = readSession(db);
// Signed out, the first screen is the sign-in form with the deployment summary below it: its
// chunk and its one request start now, alongside the start-up, not after the first render.
void sessionRead.then(
  (session) => {
    if (session) return;
    startDeploymentRequest();
    void import('./features/home/HomeScreen');
  },
  () => undefined,
);
const [initialSession] = await Promise.all([sessionRead, initI18n()]);
createRoot(container).render(
  <StrictMode>
    <App db={db} baseUrl="" initialSession={initialSession} />
  </StrictMode>,
);
