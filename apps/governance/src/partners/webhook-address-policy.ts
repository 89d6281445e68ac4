import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent when private networks are not allowed: only to public unicast
 * addresses, so a partner registration cannot make c360 call its own network (SSRF): loopback,
 * RFC 1918, CGNAT, link-local (the cloud metadata address among them), unique-local, unspecified,
 * multicast, broadcast and the other special-purpose ranges are refused. Range tables come from
 * ipaddr.js; only the IPv6 forms that carry an IPv4 address are unwrapped here.
 */

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private (RFC 1918)',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local (fc00::/7)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
};

// IPv6 ranges whose last (or, for 6to4, second and third) 16-bit groups are an IPv4 address that is what is reached.
const EMBEDS_IPV4_AT_END = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);

function embeddedIpv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  if (EMBEDS_IPV4_AT_END.has(range)) return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

function refusedRange(address: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  const range = address.range();
  if (range === 'unicast') return null;
  if (address.kind() === 'ipv6') {
    const inner = embeddedIpv4(address as ipaddr.IPv6, range);
    if (inner) return refusedRange(inner);
  }
  return RANGE_NAMES[range] ?? `special-purpose (${range})`;
}

/** An IP literal as written in a URL host or returned by DNS (brackets and IPv6 zone allowed), or null when it is not one. */
export function parseIpLiteral(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : null;
}

/** Why an address may not receive webhooks (e.g. "loopback"), or null for a public unicast address. */
export function refusedAddressReason(address: string): string | null {
  const parsed = parseIpLiteral(address);
  if (!parsed) return 'not an IP address';
  return refusedRange(parsed);
}

/** `localhost` and its subdomains are loopback by definition (RFC 6761), whatever DNS says. */
function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Why a webhook URL is refused, or null when it is acceptable. Names are checked here only for
 * `localhost`; what a name resolves to is checked when connecting (webhook-http-agent.ts), since
 * DNS can change after registration.
 */
export function webhookUrlProblem(url: string, allowPrivateNetworks: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'webhookUrl is not a URL';
  }
  if (allowPrivateNetworks) return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? null : 'webhookUrl must be http(s)';
  if (parsed.protocol !== 'https:') return 'webhookUrl must be https';
  if (isLocalhostName(parsed.hostname)) return 'webhookUrl may not name localhost';
  const literal = parseIpLiteral(parsed.hostname);
  const reason = literal ? refusedRange(literal) : null;
  return reason ? `webhookUrl may not point to a ${reason} address` : null;
}
