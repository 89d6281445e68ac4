import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { errorReasons } from '../graphql/client';

export function ErrorNotice({ error, title = 'The request was refused' }: { error: CombinedError; title?: string }) {
  return (
    <div className="error" role="alert">
      <strong>{title}:</strong>
      <ul>
        {errorReasons(error).map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}

/** Loading, error and empty states for one query, so no view shows stale or half data silently. */
export function QueryState<T>(props: { fetching: boolean; error?: CombinedError; data: T | undefined; children: (data: T) => ReactNode; label: string }) {
  if (props.error) return <ErrorNotice error={props.error} title={`Could not load ${props.label}`} />;
  if (props.fetching && props.data === undefined) {
    return (
      <p className="loading" role="status">
        Loading {props.label}…
      </p>
    );
  }
  if (props.data === undefined) return null;
  return <>{props.children(props.data)}</>;
}
