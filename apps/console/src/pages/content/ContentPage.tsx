import { can } from '../../domain/roles';
import { DraftQueue } from './DraftQueue';
import { EscalationInbox } from './EscalationInbox';

/** generation's work for people: drafts to review, conversations handed over by the assistant. */
export function ContentPage({ roles }: { roles: string[] }) {
  return (
    <>
      {can(roles, 'drafts') && <DraftQueue roles={roles} />}
      {can(roles, 'escalations') && <EscalationInbox />}
    </>
  );
}
