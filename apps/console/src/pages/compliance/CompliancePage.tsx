import { useState, type FormEvent } from 'react';
import { ConsentHistoryPanel } from '../customer/ConsentPanels';
import { CustomerSearch } from '../customer/CustomerSearch';
import { AuditLog } from './AuditLog';
import { OverdueRequests } from './OverdueRequests';
import { RequestDetail } from './RequestDetail';
import { StartRequest } from './StartRequest';

/** Data-subject requests, the audit log and the consent ledger. Request ids live in memory only. */
export function CompliancePage() {
  const [open, setOpen] = useState<string[]>([]);
  const [lookup, setLookup] = useState('');
  const [ledgerCustomer, setLedgerCustomer] = useState<string | null>(null);
  const show = (id: string) => setOpen((o) => [id, ...o.filter((x) => x !== id)]);
  function openById(e: FormEvent) {
    e.preventDefault();
    if (lookup.trim()) show(lookup.trim());
    setLookup('');
  }
  return (
    <>
      <OverdueRequests onOpen={show} />
      <StartRequest onStarted={show} />
      <section className="card" aria-labelledby="open-request-heading">
        <h2 id="open-request-heading">Open a request</h2>
        <form className="inline" onSubmit={openById}>
          <label>
            Request id
            <input value={lookup} onChange={(e) => setLookup(e.target.value)} autoComplete="off" />
          </label>
          <button type="submit" className="secondary">
            Open
          </button>
        </form>
      </section>
      {open.map((id) => (
        <RequestDetail key={id} id={id} />
      ))}
      <AuditLog />
      <CustomerSearch onFound={setLedgerCustomer} title="Consent ledger of a customer" />
      {ledgerCustomer && <ConsentHistoryPanel key={ledgerCustomer} customerId={ledgerCustomer} />}
    </>
  );
}
