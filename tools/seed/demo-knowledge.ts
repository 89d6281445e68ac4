import { signAccessToken } from '@c360/auth';
import { accessSettings } from './access-settings';

/** A small help centre for the chat assistant, written for the demo. */
export const DEMO_ARTICLES = [
  {
    id: 'kb-returns',
    title: 'Returns and refunds',
    body: 'You can return unworn items within 30 days. Start a return from your orders page and print the free label. Refunds reach your card within 5 working days of the parcel arriving at our warehouse.',
    tags: ['returns', 'refund', 'exchange'],
  },
  {
    id: 'kb-delivery',
    title: 'Delivery options and times',
    body: 'Standard delivery takes 3 to 5 working days and is free over 50 EUR. Next-day delivery is available for orders placed before 8pm. You can change the address until the order is dispatched.',
    tags: ['delivery', 'shipping', 'courier'],
  },
  {
    id: 'kb-password',
    title: 'Signing in and resetting your password',
    body: 'Use "Forgot password" on the sign-in page; the reset link arrives within minutes and works for one hour. After five failed attempts the account is locked for 15 minutes.',
    tags: ['login', 'account', 'password'],
  },
  {
    id: 'kb-sizes',
    title: 'Size guide',
    body: 'Our clothes follow EU sizes. If you are between two sizes, take the larger one. Shoes run true to size.',
    tags: ['size', 'fit', 'product'],
  },
  {
    id: 'kb-stores',
    title: 'Store opening hours',
    body: 'Our stores open 9am to 7pm Monday to Saturday and 11am to 5pm on Sundays. Click and collect orders wait in store for 7 days.',
    tags: ['store', 'hours', 'collect'],
  },
];

/** Loads the demo articles through the gateway, as a support lead would. */
export async function loadDemoKnowledge(gatewayUrl: string): Promise<number> {
  const token = await signAccessToken({ subject: 'demo-loader', roles: ['support'], scopes: [] }, accessSettings(), '10m');
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation ($a: [KnowledgeArticleInput!]!) { loadKnowledgeArticles(articles: $a) { loaded } }',
      variables: { a: DEMO_ARTICLES },
    }),
  });
  const body = (await res.json()) as { data?: { loadKnowledgeArticles: { loaded: number } }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`knowledge articles not loaded: ${body.errors?.[0]?.message ?? res.status}`);
  return body.data.loadKnowledgeArticles.loaded;
}
