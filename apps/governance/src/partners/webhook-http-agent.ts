import dns, { type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { refusedAddressReason } from './webhook-address-policy';

/** dns.lookup's shape: what the connection resolves a host name with (tests pass their own). */
export type HostLookup = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export const systemLookup: HostLookup = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/** A connection refused because the partner's host is (or resolves to) an address webhooks may not reach. */
export class WebhookAddressRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAddressRefusedError';
  }
}

type SocketLookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The lookup the socket connects with, so the addresses checked are the addresses connected to:
 * checking a name first and connecting later would resolve twice, and DNS rebinding could answer
 * differently the second time. One refused address refuses the host, since the socket may try any.
 */
function socketLookup(lookup: HostLookup, refusePrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: SocketLookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      for (const { address } of refusePrivate ? addresses : []) {
        const reason = refusedAddressReason(address);
        if (reason) return callback(new WebhookAddressRefusedError(`${hostname} resolves to ${address}, a ${reason} address`), []);
      }
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * The HTTP agent webhook deliveries go through. Unless private networks are allowed, every
 * connection is checked: an IP literal directly (sockets skip the lookup for those), a name
 * through the lookup above.
 */
export function createWebhookAgent(options: { allowPrivateNetworks: boolean; lookup?: HostLookup }): Agent {
  const lookup = options.lookup ?? systemLookup;
  if (options.allowPrivateNetworks) return new Agent({ connect: { lookup: socketLookup(lookup, false) } });
  const connect = buildConnector({ lookup: socketLookup(lookup, true) });
  return new Agent({
    connect: (opts, callback) => {
      const host = opts.hostname.replace(/^\[(.*)\]$/, '$1');
      const reason = isIP(host) ? refusedAddressReason(host) : null;
      if (reason) return callback(new WebhookAddressRefusedError(`${host} is a ${reason} address`), null);
      connect(opts, callback);
    },
  });
}
