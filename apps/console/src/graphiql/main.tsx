// GraphiQL for frontend developers, served by the gateway in development (/graphiql): the schema by
// introspection of that gateway, requests with the development token `npm start` put in the link's
// fragment. The token is held in memory only and GraphiQL's own storage is in memory too.
import { GraphiQL } from 'graphiql';
import type { ExecutionResult } from 'graphql';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import { MemoryStorage } from './memory-storage';

const match = /^#dev-token=([A-Za-z0-9._-]+)$/.exec(window.location.hash);
const token = match?.[1];
history.replaceState(null, '', window.location.pathname);

async function fetcher(params: unknown): Promise<ExecutionResult> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(params),
  });
  return (await res.json()) as ExecutionResult;
}

const mount = document.getElementById('graphiql');
if (!mount) throw new Error('graphiql.html has no #graphiql element');
createRoot(mount).render(
  <GraphiQL fetcher={fetcher} storage={new MemoryStorage()} defaultQuery={'# Signed in with the development token of the link.\n{\n  __typename\n}\n'} />,
);
