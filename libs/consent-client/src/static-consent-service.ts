import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONSENT_PROFILE_PATH, type ConsentProfile } from './consent-profile';

export interface StaticConsentService {
  url: string;
  /** Sets the profile served for a customer (restricted false, and these consents). */
  set(profile: ConsentProfile): void;
  /** How many profile requests were answered, for tests of caching. */
  requests(): number;
  close(): Promise<void>;
}

/**
 * A stand-in for governance's consent endpoint serving fixed profiles, for tests of services that
 * consult consent without starting governance (apps may not import each other). Unknown customers
 * get `fallback`'s consents. It checks only that the internal header is present; governance's own
 * tests cover the real endpoint's authentication.
 */
export async function startStaticConsentService(fallback: Omit<ConsentProfile, 'customerId'>): Promise<StaticConsentService> {
  const profiles = new Map<string, ConsentProfile>();
  let count = 0;
  const server = http.createServer((req, res) => {
    const prefix = `${CONSENT_PROFILE_PATH}/`;
    if (!req.url?.startsWith(prefix) || !req.headers['x-c360-internal']) {
      res.writeHead(req.url?.startsWith(prefix) ? 401 : 404).end();
      return;
    }
    count++;
    const customerId = decodeURIComponent(req.url.slice(prefix.length));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(profiles.get(customerId) ?? { ...fallback, customerId }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (profile) => profiles.set(profile.customerId, profile),
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A profile granting the given purposes on every channel and denying nothing else explicitly. */
export function grantingProfile(purposes: readonly string[]): Omit<ConsentProfile, 'customerId'> {
  return { restricted: false, consents: purposes.map((purpose) => ({ purpose, channel: null, status: 'granted' as const })) };
}
