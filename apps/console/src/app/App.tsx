import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Provider } from 'urql';
import type { RuntimeConfig } from '../../server/runtime-config';
import { completeSignIn } from '../auth/oidc';
import { clearSession, loadSession, saveSession, takeTokenFromFragment, type Session } from '../auth/session';
import { SignIn } from '../auth/SignIn';
import { initialNav, mountedPages, navigate, pageFromPath, shownPage } from '../domain/navigation';
import { canOpenCustomer, pagesFor, type PageName } from '../domain/roles';
import { createClient } from '../graphql/client';
import { AnalyticsPage } from '../pages/analytics/AnalyticsPage';
import { CompliancePage } from '../pages/compliance/CompliancePage';
import { Customer360Page } from '../pages/customer/Customer360Page';
import { ContentPage } from '../pages/content/ContentPage';
import { PartnersPage } from '../pages/partners/PartnersPage';
import { StewardshipPage } from '../pages/stewardship/StewardshipPage';
import { can } from '../domain/roles';
import { OpenCustomerContext } from './customer-link';

/**
 * The address holds the page name only; what is looked at (a customer, a request) stays in memory.
 * Every history entry is pushed with a null state: Chromium and Firefox keep history.state with the
 * session history (and across a restored session), so nothing is ever put there.
 */
function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const roles = session.claims.roles;
  const pages = pagesFor(roles);
  const allowed = pages.map((p) => p.page);
  const [nav, dispatch] = useReducer(navigate, window.location.pathname, initialNav);
  const current = pages.find((p) => p.page === shownPage(nav, allowed));
  // Where the user was on the list a customer was opened from, restored on the way back (memory only).
  const returnTo = useRef<{ from: PageName; scrollY: number; element: Element | null } | null>(null);
  useEffect(() => {
    const onPop = () => dispatch({ type: 'popped', page: pageFromPath(window.location.pathname) });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    if (current) document.title = `${current.label} · c360 console`;
  }, [current]);
  const shown = current?.page;
  useEffect(() => {
    const back = returnTo.current;
    if (!back) return;
    if (!nav.focus) {
      returnTo.current = null;
      return;
    }
    if (shown !== back.from) return;
    window.scrollTo(0, back.scrollY);
    if (back.element instanceof HTMLElement && back.element.isConnected) back.element.focus({ preventScroll: true });
  }, [nav.focus, shown]);
  const go = (p: PageName) => {
    history.pushState(null, '', `/${p}`);
    dispatch({ type: 'go', page: p });
  };
  const openCustomer = useMemo(
    () =>
      canOpenCustomer(roles) && shown
        ? (customerId: string) => {
            returnTo.current = { from: shown, scrollY: window.scrollY, element: document.activeElement };
            history.pushState(null, '', '/customers');
            dispatch({ type: 'open', customerId, from: shown });
            window.scrollTo(0, 0);
          }
        : null,
    [roles, shown],
  );
  // While a customer is held, its page is mounted (shown or hidden behind the list) with the same view.
  const origin = nav.focus ? pages.find((p) => p.page === nav.focus?.from) : undefined;
  const opened = nav.focus && origin ? { customerId: nav.focus.customerId, fromLabel: origin.label, onBack: () => history.back() } : undefined;
  const render = (page: PageName) => {
    switch (page) {
      case 'customers':
        // A fresh view per opening; the search alone once the customer is let go.
        return <Customer360Page key={opened ? `opened-${nav.opened}` : 'search'} roles={roles} opened={opened} />;
      case 'analytics':
        return <AnalyticsPage roles={roles} />;
      case 'stewardship':
        return <StewardshipPage />;
      case 'compliance':
        return <CompliancePage />;
      case 'partners':
        return <PartnersPage canManage={can(roles, 'registerPartner')} />;
      case 'content':
        return <ContentPage roles={roles} />;
    }
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
        <OpenCustomerContext.Provider value={openCustomer}>
          {/* The list a customer was opened from stays mounted, hidden, so back finds its filter as it was. */}
          {mountedPages(nav, allowed).map((page) => (
            <div key={page} hidden={page !== current?.page}>
              {render(page)}
            </div>
          ))}
        </OpenCustomerContext.Provider>
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
