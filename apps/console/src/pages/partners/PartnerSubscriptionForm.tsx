import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../__generated__';
import type { PartnerEventType, PartnerField } from '../../__generated__/graphql';
import { ErrorNotice } from '../../components/QueryState';
import { PARTNER_EVENT_TYPES, PARTNER_FIELDS } from '../../domain/enums';
import { humanise } from '../../domain/format';

const UpdatePartner = graphql(`
  mutation UpdatePartner($input: UpdatePartnerInput!) {
    updatePartner(input: $input) {
      id
      events
      fields
    }
  }
`);

const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/** Changes what a registered partner is sent: its events and fields, from the next event on. */
export function PartnerSubscriptionForm({
  partner,
  onSaved,
  onCancel,
}: {
  partner: { id: string; events: PartnerEventType[]; fields: PartnerField[] };
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [events, setEvents] = useState<PartnerEventType[]>(partner.events);
  const [fields, setFields] = useState<PartnerField[]>(partner.fields);
  const [result, update] = useMutation(UpdatePartner);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await update({ input: { partnerId: partner.id, events, fields } });
    if (r.data) onSaved();
  }
  return (
    <section className="card" aria-labelledby={`subscription-${partner.id}`}>
      <h3 id={`subscription-${partner.id}`}>What {partner.id} is sent</h3>
      <p className="muted">Applies from the next event. Deliveries already queued, their retries and replays keep what they were made with.</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Events</legend>
          {PARTNER_EVENT_TYPES.map((t) => (
            <label key={t} className="check" style={{ display: 'inline-flex', marginRight: '0.8rem' }}>
              <input type="checkbox" checked={events.includes(t)} onChange={() => setEvents((l) => toggle(l, t))} />
              {humanise(t)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Fields beyond what identifies each event</legend>
          {PARTNER_FIELDS.map((f) => (
            <label key={f} className="check" style={{ display: 'inline-flex', marginRight: '0.8rem' }}>
              <input type="checkbox" checked={fields.includes(f)} onChange={() => setFields((l) => toggle(l, f))} />
              {humanise(f)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={result.fetching || events.length === 0}>
          Save changes
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </form>
      {result.error && <ErrorNotice error={result.error} title="Change refused" />}
    </section>
  );
}
