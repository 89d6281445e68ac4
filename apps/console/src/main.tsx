import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { RuntimeConfig } from '../server/runtime-config';
import { App } from './app/App';
import './styles.css';

const mount = document.getElementById('root');
if (!mount) throw new Error('index.html has no #root element');
const root = createRoot(mount);

fetch('/config.json', { cache: 'no-store' })
  .then((res) => {
    if (!res.ok) throw new Error(`configuration unavailable (${res.status})`);
    return res.json() as Promise<RuntimeConfig>;
  })
  .then((config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  )
  .catch((err: unknown) =>
    root.render(
      <main className="signin">
        <p className="error" role="alert">
          The console could not start: {err instanceof Error ? err.message : String(err)}
        </p>
      </main>,
    ),
  );
