import type { CustomerTraits } from '../domain/traits';

export interface Draft {
  text: string;
  /** Which provider wrote it, shown with every result so no one mistakes a template for a model. */
  provider: 'offline-template' | 'anthropic';
  model: string | null;
}

export interface ContentProvider {
  draftGreeting(traits: CustomerTraits): Promise<Draft>;
}
