import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../__generated__';
import type { PartnerEventType, PartnerField } from '../../__generated__/graphql';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ErrorNotice } from '../../components/QueryState';
import { PARTNER_EVENT_TYPES, PARTNER_FIELDS } from '../../domain/enums';

const UpdatePartner = graphql(`
  mutation UpdatePartner($input: UpdatePartnerInput!) {
    updatePartner(input: $input) {
      id
      events
      fields
    }
  }
`);

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
        <ChoiceGroup legend="Events" options={PARTNER_EVENT_TYPES} chosen={events} onChange={setEvents} />
        <ChoiceGroup legend="Fields beyond what identifies each event" options={PARTNER_FIELDS} chosen={fields} onChange={setFields} />
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
