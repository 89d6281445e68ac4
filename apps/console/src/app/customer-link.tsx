import { createContext, useContext } from 'react';

/**
 * Opens a customer's 360 from wherever the work is. The shell provides it (null where the role has no
 * Customer 360 page); the id goes from the list to the shell's memory, never to the address or storage.
 */
export const OpenCustomerContext = createContext<((customerId: string) => void) | null>(null);

/** "Open customer 360" for one customer, or nothing where the role may not read the customer 360. */
export function OpenCustomerButton({ customerId }: { customerId: string | null | undefined }) {
  const open = useContext(OpenCustomerContext);
  if (!open || !customerId) return null;
  return (
    <button type="button" className="secondary" onClick={() => open(customerId)} aria-label={`Open customer 360 of ${customerId}`}>
      Open customer 360
    </button>
  );
}
