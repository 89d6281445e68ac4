import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { ConsentPurpose, PartnerEventType, PartnerField, WebhookDeliveryStatus } from '../../__generated__/graphql';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { PARTNER_EVENT_TYPES, PARTNER_FIELDS, PURPOSES } from '../../domain/enums';
import { formatDateTime, humanise } from '../../domain/format';
import { PartnerSubscriptionForm } from './PartnerSubscriptionForm';

const PartnersQuery = graphql(`
  query Partners {
    partners {
      id
      name
      purposes
      fields
      events
      webhookUrl
      concurrency
      createdAt
    }
  }
`);

const RegisterPartner = graphql(`
  mutation RegisterPartner($input: RegisterPartnerInput!) {
    registerPartner(input: $input) {
      secret
      partner {
        id
        name
      }
    }
  }
`);

const RotateSecret = graphql(`
  mutation RotatePartnerSecret($partnerId: ID!) {
    rotatePartnerSecret(partnerId: $partnerId) {
      secret
      partner {
        id
      }
    }
  }
`);

const Deliveries = graphql(`
  query WebhookDeliveries($partnerId: ID!, $status: WebhookDeliveryStatus) {
    webhookDeliveries(partnerId: $partnerId, status: $status, first: 50) {
      id
      customerId
      version
      status
      attempts
      nextAttemptAt
      lastError
      lastStatusCode
      createdAt
      deliveredAt
      replays
    }
  }
`);

const ReplayDelivery = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      id
      status
    }
  }
`);

/** A signing secret is shown once, right after it is made; it lives in this component's state until dismissed. */
function SecretOnce({ partnerId, secret, onDismiss }: { partnerId: string; secret: string; onDismiss: () => void }) {
  return (
    <div className="notice" role="status">
      <p>
        Signing secret for <strong>{partnerId}</strong>. It is shown this once: give it to the partner now.
      </p>
      <p className="secret" data-testid="partner-secret">
        {secret}
      </p>
      <button type="button" className="secondary" onClick={onDismiss}>
        I have stored it
      </button>
    </div>
  );
}

function RegisterForm({ onSecret }: { onSecret: (partnerId: string, secret: string) => void }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [purposes, setPurposes] = useState<ConsentPurpose[]>(['PERSONALISATION']);
  const [fields, setFields] = useState<PartnerField[]>([]);
  const [events, setEvents] = useState<PartnerEventType[]>(['CUSTOMER_UPDATED']);
  const [concurrency, setConcurrency] = useState(4);
  const [result, register] = useMutation(RegisterPartner);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await register({ input: { id: id.trim(), name: name.trim(), purposes, fields, events, webhookUrl: webhookUrl.trim() || null, concurrency } });
    if (r.data) {
      onSecret(r.data.registerPartner.partner.id, r.data.registerPartner.secret);
      setId('');
      setName('');
      setWebhookUrl('');
    }
  }
  return (
    <section className="card" aria-labelledby="register-heading">
      <h2 id="register-heading">Register a partner</h2>
      <form onSubmit={submit}>
        <div className="inline form" style={{ display: 'flex', gap: '0.6rem', flexWrap: 'wrap' }}>
          <label>
            Partner id
            <input value={id} onChange={(e) => setId(e.target.value)} required pattern="[A-Za-z0-9_-]{1,64}" autoComplete="off" />
          </label>
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
          </label>
          <label>
            Webhook URL (optional)
            <input type="url" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} autoComplete="off" />
          </label>
          <label>
            Concurrency
            <input type="number" min={1} max={64} value={concurrency} onChange={(e) => setConcurrency(Number(e.target.value))} />
          </label>
        </div>
        <ChoiceGroup legend="Purposes the partner receives data for" options={PURPOSES} chosen={purposes} onChange={setPurposes} />
        <ChoiceGroup legend="Fields beyond id and version" options={PARTNER_FIELDS} chosen={fields} onChange={setFields} />
        <ChoiceGroup legend="Events sent" options={PARTNER_EVENT_TYPES} chosen={events} onChange={setEvents} />
        <button type="submit" disabled={result.fetching || purposes.length === 0 || events.length === 0}>
          Register partner
        </button>
      </form>
      {result.error && <ErrorNotice error={result.error} title="Registration refused" />}
    </section>
  );
}

function DeliveryLog({ partnerId, canReplay }: { partnerId: string; canReplay: boolean }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [{ data, fetching, error }, refetch] = useQuery({ query: Deliveries, variables: { partnerId, status: status || undefined } });
  const [replay, replayDelivery] = useMutation(ReplayDelivery);
  return (
    <section className="card" aria-labelledby={`deliveries-${partnerId}`}>
      <h3 id={`deliveries-${partnerId}`}>Deliveries to {partnerId}</h3>
      <label style={{ display: 'inline-flex' }}>
        Status
        <select value={status} onChange={(e) => setStatus(e.target.value as WebhookDeliveryStatus | '')}>
          <option value="">All</option>
          <option value="PENDING">Pending</option>
          <option value="DELIVERED">Delivered</option>
          <option value="DEAD">Dead letters</option>
        </select>
      </label>
      {replay.error && <ErrorNotice error={replay.error} title="Replay refused" />}
      <QueryState data={data} fetching={fetching} error={error} label="deliveries">
        {({ webhookDeliveries }) =>
          webhookDeliveries.length === 0 ? (
            <p className="muted">No deliveries.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">
                    <span className="muted">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {webhookDeliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td>
                      {d.customerId} v{d.version}
                    </td>
                    <td>{humanise(d.status)}</td>
                    <td>
                      {d.attempts}
                      {d.replays > 0 && ` (${d.replays} replays)`}
                    </td>
                    <td>{d.lastError ? `${d.lastStatusCode ?? ''} ${d.lastError}` : '—'}</td>
                    <td>
                      {canReplay && d.status === 'DEAD' && (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => void replayDelivery({ id: d.id }).then(() => refetch({ requestPolicy: 'network-only' }))}
                        >
                          Replay
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}

/** Partners: registration, secret rotation (secrets shown once), what each is sent, delivery log and dead-letter replay. */
export function PartnersPage({ canManage }: { canManage: boolean }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: PartnersQuery });
  const [secret, setSecret] = useState<{ partnerId: string; secret: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [rotation, rotate] = useMutation(RotateSecret);
  const showSecret = (partnerId: string, s: string) => {
    setSecret({ partnerId, secret: s });
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      {secret && <SecretOnce partnerId={secret.partnerId} secret={secret.secret} onDismiss={() => setSecret(null)} />}
      {canManage && <RegisterForm onSecret={showSecret} />}
      <section className="card" aria-labelledby="partners-heading">
        <h2 id="partners-heading">Partners</h2>
        {rotation.error && <ErrorNotice error={rotation.error} title="Rotation refused" />}
        <QueryState data={data} fetching={fetching} error={error} label="partners">
          {({ partners }) =>
            partners.length === 0 ? (
              <p className="muted">No partner registered.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Id</th>
                    <th scope="col">Name</th>
                    <th scope="col">Purposes</th>
                    <th scope="col">Fields</th>
                    <th scope="col">Events</th>
                    <th scope="col">Webhook</th>
                    <th scope="col">
                      <span className="muted">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {partners.map((p) => (
                    <tr key={p.id}>
                      <td>{p.id}</td>
                      <td>{p.name}</td>
                      <td>{p.purposes.map(humanise).join(', ')}</td>
                      <td>{p.fields.map(humanise).join(', ') || '—'}</td>
                      <td>{p.events.map(humanise).join(', ')}</td>
                      <td>{p.webhookUrl ?? 'subscription only'}</td>
                      <td>
                        <button type="button" className="secondary" onClick={() => setSelected(p.id)} aria-label={`Deliveries of ${p.id}`}>
                          Deliveries
                        </button>{' '}
                        {canManage && (
                          <button
                            type="button"
                            className="secondary"
                            aria-label={`Rotate secret of ${p.id}`}
                            onClick={() => void rotate({ partnerId: p.id }).then((r) => r.data && showSecret(p.id, r.data.rotatePartnerSecret.secret))}
                          >
                            Rotate secret
                          </button>
                        )}{' '}
                        {canManage && (
                          <button type="button" className="secondary" aria-label={`Change what ${p.id} is sent`} onClick={() => setEditing(p.id)}>
                            Change events
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </section>
      {canManage &&
        editing &&
        data?.partners
          .filter((p) => p.id === editing)
          .map((p) => (
            <PartnerSubscriptionForm
              key={p.id}
              partner={p}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                refetch({ requestPolicy: 'network-only' });
              }}
            />
          ))}
      {selected && <DeliveryLog key={selected} partnerId={selected} canReplay={canManage} />}
    </>
  );
}
