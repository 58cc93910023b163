import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { registerServiceWorker } from './app/service-worker.js';
import { initI18n } from './i18n/index.js';

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  await initI18n();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
registerServiceWorker();
