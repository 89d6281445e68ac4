import net from 'node:net';

/**
 * A Kubernetes Service on one machine: a stable address in front of whichever process serves the
 * subgraph now, as kube-proxy forwards to a Service's ready endpoints. Routing elsewhere changes where
 * new connections go; a connection already open stays with the process it reached, as a conntrack
 * entry does, until one side closes it. So a replaced process still sees its pooled connections and
 * must close them itself, gracefully, which is what the drill checks.
 */
export class ServiceEndpoint {
  private target: number;
  private readonly server: net.Server;
  private readonly open = new Set<net.Socket>();

  private constructor(target: number) {
    this.target = target;
    // Half-open allowed both ways: each side's end is passed on, and a connection closes once both have ended.
    this.server = net.createServer({ allowHalfOpen: true }, (client) => this.forward(client));
  }

  static async open(target: number): Promise<ServiceEndpoint> {
    const endpoint = new ServiceEndpoint(target);
    await new Promise<void>((resolve, reject) => {
      endpoint.server.once('error', reject);
      endpoint.server.listen(0, '127.0.0.1', () => resolve());
    });
    return endpoint;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** New connections go to this port from now on. */
  route(target: number): void {
    this.target = target;
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect({ port: this.target, host: '127.0.0.1', allowHalfOpen: true });
    this.open.add(client);
    this.open.add(upstream);
    // A refused or reset upstream resets the client too: the caller sees the failure it would see in a cluster.
    const fail = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', fail);
    upstream.on('error', fail);
    client.on('close', () => this.open.delete(client));
    upstream.on('close', () => this.open.delete(upstream));
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
