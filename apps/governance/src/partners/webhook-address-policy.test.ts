import { refusedAddressReason, webhookUrlProblem } from './webhook-address-policy';

describe('webhook address policy', () => {
  it('refuses IPv4 loopback, RFC 1918, CGNAT, link-local (metadata), unspecified, multicast and broadcast', () => {
    const refused: [string, RegExp][] = [
      ['127.0.0.1', /loopback/],
      ['127.1.2.3', /loopback/],
      ['10.1.2.3', /private/],
      ['172.16.0.1', /private/],
      ['172.31.255.254', /private/],
      ['192.168.1.1', /private/],
      ['100.64.0.1', /carrier-grade NAT/],
      ['100.127.255.254', /carrier-grade NAT/],
      ['169.254.169.254', /link-local/],
      ['0.0.0.0', /unspecified/],
      ['224.0.0.1', /multicast/],
      ['255.255.255.255', /broadcast/],
    ];
    for (const [address, reason] of refused) expect([address, refusedAddressReason(address)]).toEqual([address, expect.stringMatching(reason)]);
  });

  it('refuses IPv6 loopback, link-local, unique-local, unspecified, multicast, and IPv4 private addresses wrapped in IPv6', () => {
    const refused: [string, RegExp][] = [
      ['::1', /loopback/],
      ['fe80::1', /link-local/],
      ['fe80::1%eth0', /link-local/],
      ['fc00::1', /unique-local/],
      ['fd12:3456::1', /unique-local/],
      ['::', /unspecified/],
      ['ff02::1', /multicast/],
      ['::ffff:127.0.0.1', /loopback/],
      ['::ffff:7f00:1', /loopback/],
      ['::ffff:169.254.169.254', /link-local/],
      ['64:ff9b::a00:1', /private/],
      ['2002:c0a8:101::1', /private/],
      ['[::1]', /loopback/],
    ];
    for (const [address, reason] of refused) expect([address, refusedAddressReason(address)]).toEqual([address, expect.stringMatching(reason)]);
  });

  it('accepts public unicast addresses, plain or wrapped', () => {
    for (const address of ['8.8.8.8', '100.63.255.255', '100.128.0.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      expect([address, refusedAddressReason(address)]).toEqual([address, null]);
    }
    expect(refusedAddressReason('example.com')).toBe('not an IP address');
  });

  it('reads the short, decimal, hex and octal IPv4 forms as the address they reach', () => {
    for (const address of ['127.1', '2130706433', '0x7f000001', '0177.0.0.1']) expect(refusedAddressReason(address)).toMatch(/loopback/);
  });

  it('refuses URLs that are not https or that name localhost or a refused address, unless private networks are allowed', () => {
    const refused: [string, RegExp][] = [
      ['not a url', /not a URL/],
      ['http://hooks.example.com/x', /must be https/],
      ['ftp://hooks.example.com/x', /must be https/],
      ['https://localhost/x', /localhost/],
      ['https://LOCALHOST./x', /localhost/],
      ['https://api.localhost:8443/x', /localhost/],
      ['https://127.0.0.1/x', /loopback/],
      ['https://2130706433/x', /loopback/],
      ['https://0x7f.1/x', /loopback/],
      ['https://[::1]:8443/x', /loopback/],
      ['https://[::ffff:127.0.0.1]/x', /loopback/],
      ['https://169.254.169.254/latest/meta-data', /link-local/],
      ['https://10.0.0.5/x', /private/],
      ['https://100.64.1.1/x', /carrier-grade NAT/],
      ['https://[fd00::1]/x', /unique-local/],
      ['https://0.0.0.0/x', /unspecified/],
      ['https://[ff02::1]/x', /multicast/],
    ];
    for (const [url, reason] of refused) expect([url, webhookUrlProblem(url, false)]).toEqual([url, expect.stringMatching(reason)]);
    expect(webhookUrlProblem('https://hooks.example.com/c360', false)).toBeNull();
    expect(webhookUrlProblem('https://8.8.8.8/c360', false)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(webhookUrlProblem('ftp://127.0.0.1/hook', true)).toMatch(/http\(s\)/);
  });
});
