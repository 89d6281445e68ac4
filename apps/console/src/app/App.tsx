import { useCallback, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import type { RuntimeConfig } from '../../server/runtime-config';
import { completeSignIn } from '../auth/oidc';
import { clearSession, loadSession, saveSession, takeTokenFromFragment, type Session } from '../auth/session';
import { SignIn } from '../auth/SignIn';
import { pagesFor, type PageName } from '../domain/roles';
import { createClient } from '../graphql/client';
import { AnalyticsPage } from '../pages/analytics/AnalyticsPage';
import { CompliancePage } from '../pages/compliance/CompliancePage';
import { Customer360Page } from '../pages/customer/Customer360Page';
import { ContentPage } from '../pages/content/ContentPage';
import { PartnersPage } from '../pages/partners/PartnersPage';
import { StewardshipPage } from '../pages/stewardship/StewardshipPage';
import { can } from '../domain/roles';

/** The address holds the page name only; what is looked at (a customer, a request) stays in memory. */
function pageFromPath(path: string): PageName | undefined {
  const name = path.replace(/^\/+/, '').split('/')[0];
  return (['customers', 'analytics', 'stewardship', 'compliance', 'partners', 'content'] as const).find((p) => p === name);
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const roles = session.claims.roles;
  const pages = pagesFor(roles);
  const [page, setPage] = useState<PageName | undefined>(() => pageFromPath(window.location.pathname));
  const current = pages.find((p) => p.page === page) ?? pages[0];
  useEffect(() => {
    const onPop = () => setPage(pageFromPath(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    if (current) document.title = `${current.label} · c360 console`;
  }, [current]);
  const go = (p: PageName) => {
    history.pushState(null, '', `/${p}`);
    setPage(p);
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>c360 console</h1>
        <nav aria-label="Pages">
          <ul>
            {pages.map((p) => (
              <li key={p.page}>
                <button type="button" aria-current={current?.page === p.page ? 'page' : undefined} onClick={() => go(p.page)}>
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          Signed in as {session.claims.subject} (<span data-testid="roles">{roles.join(', ')}</span>)
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {!current && <p className="notice">Your role has no page in the console.</p>}
        {current?.page === 'customers' && <Customer360Page roles={roles} />}
        {current?.page === 'analytics' && <AnalyticsPage roles={roles} />}
        {current?.page === 'stewardship' && <StewardshipPage />}
        {current?.page === 'compliance' && <CompliancePage />}
        {current?.page === 'partners' && <PartnersPage canManage={can(roles, 'registerPartner')} />}
        {current?.page === 'content' && <ContentPage roles={roles} />}
      </main>
    </>
  );
}

export function App({ config }: { config: RuntimeConfig }) {
  const [session, setSession] = useState<Session | null>(() => takeTokenFromFragment() ?? loadSession());
  const [problem, setProblem] = useState<string | undefined>();
  const signOut = useCallback(() => {
    clearSession();
    setSession(null);
  }, []);
  const expired = useCallback(() => {
    clearSession();
    setSession(null);
    setProblem('Your session ended or the gateway refused its token: sign in again.');
  }, []);
  useEffect(() => {
    if (!config.oidc || session) return;
    completeSignIn(config.oidc)
      .then((token) => token && setSession(saveSession(token)))
      .catch((err: unknown) => setProblem(err instanceof Error ? err.message : String(err)));
  }, [config.oidc, session]);
  const client = useMemo(() => (session ? createClient(config.gatewayUrl, session.token, expired) : null), [config.gatewayUrl, session, expired]);
  if (!session || !client) {
    return (
      <SignIn
        config={config}
        problem={problem}
        onToken={(token) => {
          const s = saveSession(token);
          if (s) setSession(s);
          else setProblem('That is not an access token.');
        }}
      />
    );
  }
  return (
    <Provider value={client}>
      <Shell session={session} onSignOut={signOut} />
    </Provider>
  );
}
