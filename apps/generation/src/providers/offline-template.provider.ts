import { templateGreeting } from '../domain/greeting';
import type { CustomerTraits } from '../domain/traits';
import type { ContentProvider, Draft } from './content-provider';

/** Runs with no network and no key: grounded template content, labelled as such. */
export class OfflineTemplateProvider implements ContentProvider {
  async draftGreeting(traits: CustomerTraits): Promise<Draft> {
    return { text: templateGreeting(traits), provider: 'offline-template', model: null };
  }
}
