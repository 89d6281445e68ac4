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
      // Back and forward between the customer and the list it was opened from keep both as they were,
      // as a browser does; anywhere else lets the customer go (a reload does too, memory being all there is).
      if (state.focus && (action.page === 'customers' || action.page === state.focus.from)) return { ...state, page: action.page };
      return { ...state, page: action.page, focus: null };
  }
}

/** The page shown: the one the state names if the role has it, else the role's first page. */
export function shownPage(state: NavState, allowed: readonly PageName[]): PageName | undefined {
  return allowed.find((p) => p === state.page) ?? allowed[0];
}

/**
 * The pages to keep mounted: the one shown, and while a customer opened from a list is held, both that
 * customer's page and the list's (one of them hidden), so back and forward find each as it was left:
 * the list's filter, page and open items, the customer's panels.
 */
export function mountedPages(state: NavState, allowed: readonly PageName[]): PageName[] {
  const shown = shownPage(state, allowed);
  if (!shown) return [];
  const from = state.focus?.from;
  const pair: PageName[] = ['customers', from ?? 'customers'];
  if (from && from !== 'customers' && allowed.includes(from) && allowed.includes('customers') && pair.includes(shown)) {
    return allowed.filter((p) => pair.includes(p));
  }
  return [shown];
}
