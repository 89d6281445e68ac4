import { initialNav, mountedPages, navigate, pageFromPath, shownPage, type NavState } from './navigation';
import { canOpenCustomer, pagesFor } from './roles';

const support = pagesFor(['support']).map((p) => p.page);

describe('console navigation, in memory', () => {
  it('reads only a known page name from the address', () => {
    expect(pageFromPath('/content')).toBe('content');
    expect(pageFromPath('/customers/c-123')).toBe('customers');
    expect(pageFromPath('/')).toBeUndefined();
    expect(pageFromPath('/nowhere')).toBeUndefined();
  });

  it('opens a customer from a list, keeping that list mounted behind the 360 view', () => {
    const onInbox = navigate(initialNav('/content'), { type: 'go', page: 'content' });
    const open = navigate(onInbox, { type: 'open', customerId: 'cust-1', from: 'content' });
    expect(open).toEqual({ page: 'customers', focus: { customerId: 'cust-1', from: 'content' }, opened: 1 });
    expect(shownPage(open, support)).toBe('customers');
    expect(mountedPages(open, support)).toEqual(['customers', 'content']);
  });

  it('keeps the customer and the list through back and forward, and lets the customer go elsewhere', () => {
    const open = navigate(initialNav('/content'), { type: 'open', customerId: 'cust-1', from: 'content' });
    const back = navigate(open, { type: 'popped', page: 'content' });
    expect(back.focus).toEqual({ customerId: 'cust-1', from: 'content' });
    expect(shownPage(back, support)).toBe('content');
    expect(mountedPages(back, support)).toEqual(['customers', 'content']);
    const forward = navigate(back, { type: 'popped', page: 'customers' });
    expect(forward).toEqual(open);
    // Back past the list, to a page the customer was not opened from: the customer is let go.
    const further = navigate(back, { type: 'popped', page: 'stewardship' });
    expect(further.focus).toBeNull();
    expect(mountedPages(further, support)).toEqual(['stewardship']);
    expect(mountedPages(navigate(further, { type: 'popped', page: 'customers' }), support)).toEqual(['customers']);
    // A reload starts from the address alone: the customers page, no customer.
    expect(initialNav('/customers')).toEqual({ page: 'customers', focus: null, opened: 0 });
  });

  it('starts afresh when a page is chosen in the navigation', () => {
    const open = navigate(initialNav('/stewardship'), { type: 'open', customerId: 'cust-2', from: 'stewardship' });
    const chosen = navigate(open, { type: 'go', page: 'customers' });
    expect(chosen.focus).toBeNull();
    expect(mountedPages(chosen, support)).toEqual(['customers']);
  });

  it('counts openings, so the same customer opened twice gets a fresh view', () => {
    let s: NavState = initialNav('/content');
    s = navigate(s, { type: 'open', customerId: 'cust-1', from: 'content' });
    s = navigate(s, { type: 'popped', page: 'content' });
    s = navigate(s, { type: 'open', customerId: 'cust-1', from: 'content' });
    expect(s.opened).toBe(2);
    expect(s.focus).toEqual({ customerId: 'cust-1', from: 'content' });
  });

  it('ignores an empty customer id, and keeps no origin the role cannot see', () => {
    const s = initialNav('/content');
    expect(navigate(s, { type: 'open', customerId: '', from: 'content' })).toBe(s);
    const odd = navigate(s, { type: 'open', customerId: 'cust-1', from: 'partners' });
    expect(mountedPages(odd, support)).toEqual(['customers']);
  });

  it('shows the first page the role has for an unknown or forbidden address', () => {
    expect(shownPage(initialNav('/'), support)).toBe('customers');
    expect(shownPage(initialNav('/compliance'), support)).toBe('customers');
    expect(shownPage(initialNav('/content'), [])).toBeUndefined();
    expect(mountedPages(initialNav('/content'), [])).toEqual([]);
  });

  it('offers "open customer 360" to every role with the Customer 360 page, and not to a partner system', () => {
    for (const role of ['analyst', 'marketer', 'support', 'compliance', 'service']) expect(canOpenCustomer([role])).toBe(true);
    expect(canOpenCustomer(['partner'])).toBe(false);
    expect(canOpenCustomer([])).toBe(false);
  });
});
