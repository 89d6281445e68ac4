import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { trackStartupResource } from '@c360/service-kit';
import neo4j, { type Driver, type Session } from 'neo4j-driver';

const noDelayPorts = new Set<number>();

/**
 * neo4j-driver leaves Nagle's algorithm on for its Bolt sockets (the Java, Python and Rust drivers
 * turn it off), so a query message spanning two TCP segments waits for the server's delayed ACK:
 * about 40 ms for many statements, which dominated batch resolution. The driver exposes no socket
 * option; Node's `net.client.socket` diagnostics channel hands us each client socket instead, and
 * those to a Bolt port get TCP_NODELAY once connected.
 */
function disableNagleTowards(port: number): void {
  if (noDelayPorts.size === 0) {
    subscribe('net.client.socket', (message) => {
      const { socket } = message as { socket: Socket };
      socket.once('connect', () => {
        if (socket.remotePort !== undefined && noDelayPorts.has(socket.remotePort)) socket.setNoDelay(true);
      });
    });
  }
  noDelayPorts.add(port);
}

export function createNeo4jDriver(uri: string, user: string, password: string): Driver {
  disableNagleTowards(Number(new URL(uri).port || 7687));
  const auth = password ? neo4j.auth.basic(user, password) : undefined;
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true, maxConnectionPoolSize: 50 });
  // Closed if a signal comes while identity-graph starts (service-kit startup-guard).
  trackStartupResource('neo4j', () => driver.close());
  return driver;
}

/**
 * A session that reads what this process wrote before. On a Neo4j cluster (`neo4j://`) reads go to
 * followers, which may lag; every session and every `executeQuery` of the process shares the driver's
 * one bookmark manager, so a read waits for the writes this replica committed before it (an unmerge
 * then reading the lineage it made, a resolution then the customer it touched).
 */
export function causalSession(driver: Driver, mode: 'READ' | 'WRITE' = 'WRITE'): Session {
  return driver.session({ defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE, bookmarkManager: driver.executeQueryBookmarkManager });
}
