import { useState, type FormEvent } from 'react';
import type { RuntimeConfig } from '../../server/runtime-config';
import { beginSignIn } from './oidc';

/** Sign-in: the identity provider when one is configured; locally, the per-role links `npm start` prints. */
export function SignIn({ config, onToken, problem }: { config: RuntimeConfig; onToken: (token: string) => void; problem?: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(problem);
  const oidc = config.oidc;
  function submit(e: FormEvent) {
    e.preventDefault();
    onToken(token.trim());
  }
  return (
    <main id="main" className="signin">
      <section className="card" aria-labelledby="signin-heading">
        <h1 id="signin-heading">Sign in to the c360 console</h1>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {oidc ? (
          <button type="button" onClick={() => void beginSignIn(oidc).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))}>
            Sign in with your organisation
          </button>
        ) : (
          <>
            <p>
              No identity provider is configured. Locally, open one of the sign-in links <code>npm start</code> printed (one per role), or paste a development
              access token.
            </p>
            <form onSubmit={submit}>
              <label>
                Access token
                <textarea value={token} onChange={(e) => setToken(e.target.value)} rows={4} required autoComplete="off" spellCheck={false} />
              </label>
              <button type="submit">Sign in</button>
            </form>
          </>
        )}
      </section>
    </main>
  );
}
