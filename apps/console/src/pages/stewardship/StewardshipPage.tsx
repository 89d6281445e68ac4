import { ConflictsPanel } from './ConflictsPanel';
import { ExplainLink } from './ExplainLink';
import { ReviewQueue } from './ReviewQueue';

export function StewardshipPage() {
  return (
    <>
      <ReviewQueue />
      <ExplainLink />
      <ConflictsPanel />
    </>
  );
}
