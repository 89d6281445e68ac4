import type { Logger } from '@c360/service-kit';
import { signCheckpoint, verifyAgainstCheckpoints, type AuditCheckpoint } from '../domain/audit-anchor';
import { verifyChain, type ChainVerdict } from '../domain/audit-chain';
import type { AuditAnchorRepository } from '../store/audit-anchor.repository';
import type { AuditRepository } from '../store/audit.repository';

export interface AuditAnchorOptions {
  /** Signs checkpoints; from the environment only, never stored in any database. */
  key: string;
  /** Names the chain in its checkpoints: governance's database. */
  chain: string;
}

/**
 * The only writer of audit checkpoints: signs the chain's current head and keeps it beside earlier
 * ones, and verifies the chain against them. Anchoring runs on a timer and after each erasure
 * receipt; a rewrite can go unseen only for entries appended since the last checkpoint.
 */
export class AuditAnchor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly audit: AuditRepository,
    private readonly checkpoints: AuditAnchorRepository,
    private readonly options: AuditAnchorOptions,
  ) {}

  /** Signs the current head unless it is already anchored; answers the checkpoint written, if any. */
  async anchor(): Promise<AuditCheckpoint | null> {
    const [head, latest] = await Promise.all([this.audit.last(), this.checkpoints.latest(this.options.chain)]);
    if (!head || (latest && latest.seq >= head.seq)) return null;
    const checkpoint = signCheckpoint(this.options.key, { chain: this.options.chain, seq: head.seq, hash: head.hash, at: new Date() });
    await this.checkpoints.add(checkpoint);
    return checkpoint;
  }

  /** The chain's own consistency first (edits, gaps, a cut end), then every checkpoint (a rewrite). */
  async verify(): Promise<ChainVerdict> {
    const [{ records, head }, checkpoints] = await Promise.all([this.audit.snapshot(), this.checkpoints.all(this.options.chain)]);
    const own = verifyChain(records, head);
    if (!own.valid) return own;
    return verifyAgainstCheckpoints(records, checkpoints, this.options.key, this.options.chain) ?? own;
  }

  /** Anchors every intervalMs; a failed round is logged and the next one catches up. */
  start(intervalMs: number, logger: Logger): void {
    this.timer = setInterval(() => {
      this.running = this.anchor().catch((err: Error) => logger.warn({ err: err.message }, 'audit anchoring failed'));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
