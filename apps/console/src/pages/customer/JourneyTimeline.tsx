import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { Channel } from '../../__generated__/graphql';
import { Value } from '../../components/Masked';
import { QueryState } from '../../components/QueryState';
import { CHANNEL_ICON, CHANNELS } from '../../domain/enums';
import { formatDateTime, formatMoney, humanise } from '../../domain/format';
import { isMaskedJson } from '../../domain/masking';

const CustomerJourney = graphql(`
  query CustomerJourney($id: ID!, $first: Int!, $after: String, $channels: [Channel!]) {
    customer(id: $id) {
      id
      journey(first: $first, after: $after, channels: $channels) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            messageId
            type
            event
            channel
            occurredAt
            source
            properties
            text
            value {
              amount
              currency
            }
          }
        }
      }
    }
  }
`);

const PAGE = 20;

function ChannelIcon({ channel }: { channel: Channel }) {
  const { glyph, colour } = CHANNEL_ICON[channel];
  return (
    <span className="icon" aria-hidden="true" style={{ background: colour }}>
      {glyph}
    </span>
  );
}

/** One page of the timeline; the next page mounts when this one's end scrolls into view (or its button is pressed). */
function JourneyPage({
  customerId,
  channels,
  after,
  onLoaded,
}: {
  customerId: string;
  channels?: Channel[];
  after?: string;
  onLoaded?: (total: number) => void;
}) {
  const [{ data, fetching, error }] = useQuery({ query: CustomerJourney, variables: { id: customerId, first: PAGE, after, channels } });
  const [showNext, setShowNext] = useState(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const page = data?.customer?.journey;
  useEffect(() => {
    if (page && onLoaded) onLoaded(page.totalCount);
  }, [page, onLoaded]);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !page?.pageInfo.hasNextPage || showNext || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setShowNext(true));
    observer.observe(el);
    return () => observer.disconnect();
  }, [page, showNext]);
  return (
    <QueryState data={data} fetching={fetching} error={error} label="touchpoints">
      {() =>
        page && (
          <>
            <ol className="timeline" aria-label="Touchpoints, oldest first">
              {page.edges.map(({ node }) => (
                <li key={node.messageId}>
                  <ChannelIcon channel={node.channel} />
                  <span>
                    {formatDateTime(node.occurredAt)}
                    <br />
                    <span className="tag">{humanise(node.channel)}</span>
                  </span>
                  <span>
                    <strong>{node.event ?? node.type}</strong> {node.value && <span>{formatMoney(node.value)}</span>}
                    {node.source && <span className="muted"> · source {node.source}</span>}
                    {node.text && (
                      <>
                        <br />
                        <Value value={node.text} />
                      </>
                    )}
                    <br />
                    {isMaskedJson(node.properties) ? (
                      <span className="muted">
                        properties: <span className="masked">masked or none</span>
                      </span>
                    ) : (
                      <code className="muted">{JSON.stringify(node.properties)}</code>
                    )}
                  </span>
                </li>
              ))}
            </ol>
            {page.pageInfo.hasNextPage &&
              (showNext ? (
                <JourneyPage customerId={customerId} channels={channels} after={page.pageInfo.endCursor ?? undefined} />
              ) : (
                <div ref={sentinel}>
                  <button type="button" className="secondary" onClick={() => setShowNext(true)}>
                    Load more touchpoints
                  </button>
                </div>
              ))}
          </>
        )
      }
    </QueryState>
  );
}

/** The journey across channels, oldest first, filtered by channel, loading further pages as it scrolls. */
export function JourneyTimeline({ customerId }: { customerId: string }) {
  const [selected, setSelected] = useState<Channel[]>([]);
  const [total, setTotal] = useState<number | undefined>();
  const channels = selected.length ? selected : undefined;
  const toggle = (c: Channel) => setSelected((s) => (s.includes(c) ? s.filter((x) => x !== c) : [...s, c]));
  return (
    <section className="card" aria-labelledby="journey-heading">
      <h2 id="journey-heading">Journey timeline {total !== undefined && <span className="muted">({total} touchpoints)</span>}</h2>
      <fieldset>
        <legend>Channels (none selected: all)</legend>
        <div className="chart-toolbar">
          {CHANNELS.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={selected.includes(c)} onChange={() => toggle(c)} />
              <ChannelIcon channel={c} /> {humanise(c)}
            </label>
          ))}
        </div>
      </fieldset>
      <JourneyPage key={selected.join(',')} customerId={customerId} channels={channels} onLoaded={setTotal} />
    </section>
  );
}
