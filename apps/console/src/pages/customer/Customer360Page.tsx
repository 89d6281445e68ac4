import { useEffect, useRef, useState } from 'react';
import { can } from '../../domain/roles';
import { ConsentHistoryPanel, ConsentsPanel } from './ConsentPanels';
import { CustomerConversationsPanel } from './CustomerConversationsPanel';
import { CustomerDraftsPanel } from './CustomerDraftsPanel';
import { CustomerInsightsPanels } from './CustomerInsightsPanels';
import { CustomerSearch } from './CustomerSearch';
import { EngagementPanels } from './EngagementPanels';
import { GreetingPanel } from './GreetingPanel';
import { JourneyTimeline } from './JourneyTimeline';
import { MergeHistoryPanel } from './MergeHistoryPanel';
import { NextBestActionPanel } from './NextBestActionPanel';
import { ProfilePanels } from './ProfilePanels';
import { RequestsPanel } from './RequestsPanel';

/** A customer opened from a list elsewhere (an escalation, a draft, a review, a request). */
export interface OpenedCustomer {
  customerId: string;
  fromLabel: string;
  onBack: () => void;
}

/** Where the customer was opened from and the way back; focus lands here, since the list's button is now hidden. */
function OpenedFrom({ opened, showing }: { opened: OpenedCustomer; showing: string | null }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card" aria-labelledby="opened-from-heading">
      <h2 id="opened-from-heading" ref={heading} tabIndex={-1}>
        Opened from {opened.fromLabel}
      </h2>
      <p>
        {showing === opened.customerId ? `Customer ${opened.customerId}.` : `Customer ${opened.customerId} was opened; another is shown below.`}{' '}
        <button type="button" className="secondary" onClick={opened.onBack}>
          Back to {opened.fromLabel}
        </button>
      </p>
    </section>
  );
}

/**
 * Customer 360: each panel is its own component fed by one typed operation, so a panel the role may
 * not use is simply absent and one refused panel does not blank the others.
 */
export function Customer360Page({ roles, opened }: { roles: string[]; opened?: OpenedCustomer }) {
  // The customer is held in memory only: no identifier or id goes into the address bar.
  const [customerId, setCustomerId] = useState<string | null>(opened?.customerId ?? null);
  return (
    <>
      {opened && <OpenedFrom opened={opened} showing={customerId} />}
      <CustomerSearch onFound={setCustomerId} />
      {customerId && (
        <div key={customerId}>
          <ProfilePanels customerId={customerId} />
          <EngagementPanels customerId={customerId} />
          <CustomerInsightsPanels customerId={customerId} />
          <JourneyTimeline customerId={customerId} />
          <div className="grid">
            <ConsentsPanel customerId={customerId} />
            {can(roles, 'consentHistory') && <ConsentHistoryPanel customerId={customerId} />}
            {can(roles, 'dataSubjectRequests') && <RequestsPanel customerId={customerId} />}
            <GreetingPanel customerId={customerId} />
            {can(roles, 'decideNextBestAction') && <NextBestActionPanel customerId={customerId} />}
            {can(roles, 'contentDrafts') && <CustomerDraftsPanel customerId={customerId} />}
            {can(roles, 'conversations') && <CustomerConversationsPanel customerId={customerId} />}
            <MergeHistoryPanel customerId={customerId} canUnmerge={can(roles, 'unmergeCustomer')} />
          </div>
        </div>
      )}
    </>
  );
}
