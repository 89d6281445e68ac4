import { AuthError, INTERNAL_HEADER, requireRole, verifyInternalToken } from '@c360/auth';
import { CONSENT_PROFILE_PATH, type ConsentProfile } from '@c360/consent-client';
import type { CustomerIdentityView } from '@c360/service-kit';
import type { Express, RequestHandler } from 'express';
import { currentConsents, type Purpose } from '../domain/consent';
import type { ConsentRepository } from '../store/consent.repository';
import type { RestrictionRepository } from '../store/restriction.repository';

export interface ConsentProfileDeps {
  consents: ConsentRepository;
  restrictions: RestrictionRepository;
  identities: CustomerIdentityView;
  grantedByDefault: ReadonlySet<Purpose>;
  internalTokenSecret: string;
}

/** The consent in force and the restriction flag for one person, whichever of their ids is asked. */
export async function consentProfile(deps: ConsentProfileDeps, customerId: string): Promise<ConsentProfile> {
  const ids = await deps.identities.expand(await deps.identities.survivorOf(customerId));
  const [entries, restricted] = await Promise.all([deps.consents.ledger(ids), deps.restrictions.isRestricted(ids)]);
  const consents = currentConsents(entries, deps.grantedByDefault).map(({ purpose, channel, status }) => ({ purpose, channel, status }));
  return { customerId, restricted, consents };
}

/**
 * `GET /internal/v1/consent-profile/:customerId`, for the consent clients of other services. Not
 * behind the gateway: it takes the internal token services sign with the shared secret, and only
 * the service role.
 */
export function mountConsentProfileRoute(app: Express, deps: ConsentProfileDeps): void {
  app.get(`${CONSENT_PROFILE_PATH}/:customerId`, (async (req, res, next) => {
    try {
      const header = req.headers[INTERNAL_HEADER];
      requireRole(await verifyInternalToken(Array.isArray(header) ? header[0] : header, deps.internalTokenSecret), ['service']);
    } catch (err) {
      if (!(err instanceof AuthError)) return next(err);
      return void res.status(err.code === 'UNAUTHENTICATED' ? 401 : 403).json({ error: err.code, reason: err.message });
    }
    try {
      res.json(await consentProfile(deps, String(req.params['customerId'])));
    } catch (err) {
      next(err);
    }
  }) as RequestHandler);
}
