import { offlineAnswer } from '../../domain/content/offline-writer';
import type { WriterRequest } from '../../domain/content/prompt';
import { NO_USAGE } from '../../domain/content/usage-cost';
import type { ContentWriter, WriterAnswer } from './content-writer';

/** The default when no key is configured: deterministic copy, no network, no tokens. */
export class OfflineContentWriter implements ContentWriter {
  readonly provider = 'offline-template' as const;
  readonly model = null;

  async write(request: WriterRequest): Promise<WriterAnswer> {
    return { text: JSON.stringify({ variants: offlineAnswer(request) }), usage: NO_USAGE, costUsd: 0 };
  }
}
