import type { ContentPurpose } from '../../domain/content/content-channels';
import type { WriterRequest } from '../../domain/content/prompt';
import type { TokenUsage } from '../../domain/content/usage-cost';

export interface WriterAnswer {
  /** The writer's raw answer (JSON as asked for, unparsed). */
  text: string;
  usage: TokenUsage;
  costUsd: number;
}

/** Writes copy for one request; the offline writer and the Anthropic one are interchangeable. */
export interface ContentWriter {
  /** Stored with every draft so no one mistakes a template for a model. */
  readonly provider: 'offline-template' | 'anthropic';
  readonly model: string | null;
  write(request: WriterRequest, purpose: ContentPurpose): Promise<WriterAnswer>;
}
