import { isMasked } from '../domain/masking';

/** A personal value as the gateway answered it: a masked value says so instead of showing "[masked]". */
export function Value({ value }: { value: string | null | undefined }) {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  if (isMasked(value)) {
    return (
      <span className="masked" title="Your role may not see this value">
        masked
      </span>
    );
  }
  return <>{value}</>;
}
