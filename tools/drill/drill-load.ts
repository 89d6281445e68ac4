import { Agent, request } from 'undici';

/** One kind of request in the mix: how to send it, and whether its answer is right. */
export interface Operation {
  name: string;
  /** Relative share of the mix. */
  weight: number;
  query: string;
  variables: () => Record<string, unknown>;
  /** Why the answer is wrong, or null when it is right (no GraphQL errors is checked before). */
  check: (data: Record<string, unknown>) => string | null;
}

export interface LoadFigures {
  requests: number;
  errors: number;
  latenciesMs: number[];
  /** Latencies of the requests sent in each phase (the drill names them: baseline, rollover…). */
  byPhase: Map<string, number[]>;
  /** Failed requests sent in each phase. */
  errorsByPhase: Map<string, number>;
  /** Failed requests by operation and reason, for the report. */
  failures: Map<string, number>;
  /** Requests by operation. */
  sent: Map<string, number>;
}

/**
 * Steady open-loop load through the gateway: requests start on schedule whatever the latency (a slow
 * answer cannot lower the offered rate and hide a stall), each picking an operation of the mix by
 * weight in a fixed rotation, so the mix is the same in every run. Operations may be added mid-run.
 */
export class SteadyLoad {
  readonly figures: LoadFigures = {
    requests: 0,
    errors: 0,
    latenciesMs: [],
    byPhase: new Map(),
    errorsByPhase: new Map(),
    failures: new Map(),
    sent: new Map(),
  };
  private readonly operations: Operation[] = [];
  private readonly client = new Agent({ keepAliveTimeout: 30_000, connections: 32 });
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private phase = 'baseline';

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly rps: number,
    /** A request not answered within this is a failure, as a client's timeout would make it. */
    private readonly timeoutMs: number,
    operations: Operation[],
  ) {
    this.operations.push(...operations);
  }

  /** Requests sent from now on count in this phase. */
  enter(phase: string): void {
    this.phase = phase;
  }

  add(operation: Operation): void {
    this.operations.push(operation);
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<LoadFigures> {
    this.stopped = true;
    await this.loop;
    await Promise.all(this.inFlight);
    await this.client.close();
    return this.figures;
  }

  private async run(): Promise<void> {
    const interval = 1000 / this.rps;
    const started = performance.now();
    for (let i = 0; !this.stopped; i++) {
      const wait = started + i * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (this.stopped) break;
      const sending = this.send(this.pick(i));
      this.inFlight.add(sending);
      void sending.finally(() => this.inFlight.delete(sending));
    }
  }

  /** The i-th request's operation: a weighted round robin over the current mix. */
  private pick(i: number): Operation {
    const total = this.operations.reduce((sum, o) => sum + o.weight, 0);
    let slot = i % total;
    for (const operation of this.operations) {
      if (slot < operation.weight) return operation;
      slot -= operation.weight;
    }
    return this.operations[0] as Operation;
  }

  private async send(operation: Operation): Promise<void> {
    const t0 = performance.now();
    const phase = this.phase;
    this.figures.requests++;
    this.figures.sent.set(operation.name, (this.figures.sent.get(operation.name) ?? 0) + 1);
    const failure = await this.call(operation).catch((err: unknown) => `transport: ${err instanceof Error ? err.message : String(err)}`);
    if (failure === null) {
      const latency = performance.now() - t0;
      this.figures.latenciesMs.push(latency);
      const phaseLatencies = this.figures.byPhase.get(phase) ?? [];
      phaseLatencies.push(latency);
      this.figures.byPhase.set(phase, phaseLatencies);
      return;
    }
    this.figures.errors++;
    this.figures.errorsByPhase.set(phase, (this.figures.errorsByPhase.get(phase) ?? 0) + 1);
    const key = `${operation.name}: ${failure.slice(0, 160)}`;
    this.figures.failures.set(key, (this.figures.failures.get(key) ?? 0) + 1);
  }

  private async call(operation: Operation): Promise<string | null> {
    const res = await request(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query: operation.query, variables: operation.variables() }),
      dispatcher: this.client,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) return `HTTP ${res.statusCode}: ${text}`;
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) return body.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ');
    if (!body.data) return 'no data';
    return operation.check(body.data);
  }
}
