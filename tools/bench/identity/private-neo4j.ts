import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { createNeo4jDriver } from './identity-graph.imports';

/*
 * Where the evaluation and the benchmark write. They used to share the database with everything
 * else and keep apart by a namespace that every production statement carried (identifier and block
 * keys prefixed, `ns` on every node, `ns IS NULL` in steward queries). Neo4j Community serves a
 * single user database (CREATE DATABASE is refused: checked on the 5.26 the local stack runs), so
 * instead they start a Neo4j server of their own, empty, through infra/local/stack.sh (as
 * bench:analytics does for its stand-in), and stop it when done. The production statements run
 * unchanged, no run's records can meet another run's or a test's in a blocking key, and nothing is
 * left to delete in the shared database. Prefixing keys outside production code instead would mean
 * rewriting the worker's requests after it built them and deleting, by hand, every kind of node a
 * run leaves (merges, conflicts, reviews, blocks), with a crashed run leaving them behind. It costs
 * the server's start: 10-30 s here.
 */

const root = path.resolve(__dirname, '../../..');

export interface PrivateNeo4jOptions {
  /** Port of the private server: BENCH_NEO4J_PORT, default 7697. */
  port: string;
  /** Its heap: BENCH_NEO4J_HEAP, default 1g. */
  heap: string;
  progress: (line: string) => void;
}

function stack(command: 'start' | 'stop', options: PrivateNeo4jOptions, dataDir: string): void {
  const env = { ...process.env, STACK_SERVERS: 'neo4j', C360_DATA_DIR: dataDir, NEO4J_PORT: options.port, NEO4J_HEAP: options.heap };
  execFileSync('bash', [path.join(root, 'infra/local/stack.sh'), command], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function portAnswers(port: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    socket.unref();
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}

/** Runs `work` against a fresh, empty Neo4j server of its own, stopped afterwards whatever happens. */
export async function withPrivateNeo4j<T>(options: PrivateNeo4jOptions, work: (driver: Driver) => Promise<T>): Promise<T> {
  const dataDir = path.join(root, `.data/bench-identity-${options.port}`);
  // A server left running by an interrupted run is stopped (stack.sh knows it by its pidfile) and its data dropped.
  stack('stop', options, dataDir);
  // stack.sh would reuse whatever answers on the port: never write a run into a server that is not its own.
  if (await portAnswers(options.port)) throw new Error(`127.0.0.1:${options.port} is in use by another server: set BENCH_NEO4J_PORT`);
  rmSync(path.join(dataDir, 'neo4j'), { recursive: true, force: true });
  const started = performance.now();
  stack('start', options, dataDir);
  options.progress(`private Neo4j on :${options.port} started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const driver = createNeo4jDriver(`bolt://127.0.0.1:${options.port}`, 'neo4j', '');
  try {
    return await work(driver);
  } finally {
    await driver.close();
    stack('stop', options, dataDir);
  }
}

/** The options from the environment (tools may read it; see tools/eslint). */
export function privateNeo4jFromEnv(progress: (line: string) => void): PrivateNeo4jOptions {
  return { port: process.env['BENCH_NEO4J_PORT'] ?? '7697', heap: process.env['BENCH_NEO4J_HEAP'] ?? '1g', progress };
}
