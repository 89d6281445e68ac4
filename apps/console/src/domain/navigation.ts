import type { PageName } from './roles';

/**
 * Where the console is, kept in memory only. The address bar holds the page name and nothing else;
 * a customer opened from a list (an escalation, a draft, a review, a request) lives here, so it is
 * gone on reload and never reaches the address, the browser's session history or storage.
 */
export interface CustomerFocus {
  customerId: string;
  /** The page the customer was opened from: kept mounted (hidden) so its filters survive the visit. */
  from: PageName;
}

export interface NavState {
  /** The page the address names; undefined for "/", which shows the role's first page. */
  page: PageName | undefined;
  focus: CustomerFocus | null;
  /** Counts openings, so opening the same customer again starts a fresh 360 view. */
  opened: number;
}

export type NavAction =
  /** A page chosen in the navigation: a fresh page, no customer carried over. */
  | { type: 'go'; page: PageName }
  /** "Open customer 360" from a list on page `from`. */
  | { type: 'open'; customerId: string; from: PageName }
  /** The browser moved through its history (back, forward) to the page its address names. */
  | { type: 'popped'; page: PageName | undefined };

export const PAGE_NAMES: readonly PageName[] = ['customers', 'analytics', 'stewardship', 'compliance', 'partners', 'content'];

/** The page an address names: only its first segment, and only a known page. */
export function pageFromPath(path: string): PageName | undefined {
  const name = path.replace(/^\/+/, '').split('/')[0];
  return PAGE_NAMES.find((p) => p === name);
}

export function initialNav(path: string): NavState {
  return { page: pageFromPath(path), focus: null, opened: 0 };
}

export function navigate(state: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'go':
      return { ...state, page: action.page, focus: null };
    case 'open':
      if (!action.customerId) return state;
      return { page: 'customers', focus: { customerId: action.customerId, from: action.from }, opened: state.opened + 1 };
    case 'popped':
      // Back to the list the customer was opened from (or anywhere else): the customer is let go, so
      // going forward again shows the search rather than holding the customer longer than the visit.
      if (action.page === 'customers' && state.focus) return { ...state, page: 'customers' };
      return { ...state, page: action.page, focus: null };
  }
}

/** The page shown: the one the state names if the role has it, else the role's first page. */
export function shownPage(state: NavState, allowed: readonly PageName[]): PageName | undefined {
  return allowed.find((p) => p === state.page) ?? allowed[0];
}

/**
 * The pages to keep mounted: the one shown, and while a customer opened from a list is shown, that
 * list's page too (hidden), so going back finds it as it was left: its filter, page and open items.
 */
export function mountedPages(state: NavState, allowed: readonly PageName[]): PageName[] {
  const shown = shownPage(state, allowed);
  if (!shown) return [];
  const from = state.focus?.from;
  if (shown === 'customers' && from && from !== 'customers' && allowed.includes(from)) return allowed.filter((p) => p === shown || p === from);
  return [shown];
}
