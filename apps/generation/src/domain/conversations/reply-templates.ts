import type { ConsentChange } from './consent-request';
import type { GovernanceRequestKind } from './intents';

export interface OrderSummary {
  orderId: string | null;
  occurredAt: Date;
  event: string;
  total: { amount: number; currency: string } | null;
}

/** Everything a bot answer may say: the facts it is grounded on, chosen before any wording. */
export type ReplyGrounds =
  | { kind: 'escalated' }
  | { kind: 'with_agent' }
  | { kind: 'request_created'; request: GovernanceRequestKind; consent: ConsentChange | null }
  | { kind: 'request_needs_identity'; request: GovernanceRequestKind }
  | { kind: 'request_failed'; request: GovernanceRequestKind }
  | { kind: 'orders'; orders: OrderSummary[] }
  | { kind: 'article'; title: string; body: string }
  | { kind: 'greeting' }
  | { kind: 'rephrase' }
  | { kind: 'no_answer' };

const REQUEST_NAMES: Record<GovernanceRequestKind, string> = {
  consent_change: 'change to your contact preferences',
  access: 'request for a copy of your data',
  erasure: 'request to erase your data',
};

const PURPOSE_NAMES: Record<ConsentChange['purpose'], string> = {
  email_marketing: 'marketing emails',
  sms_marketing: 'marketing texts',
  profiling: 'profiling',
  third_party_sharing: 'sharing with partners',
  personalisation: 'personalisation',
};

/** The article's opening, whole sentences up to about 400 characters: enough to answer, short enough for a chat. */
export function articleExcerpt(body: string, max = 400): string {
  const sentences =
    body
      .replace(/\s+/g, ' ')
      .trim()
      .match(/[^.!?]+[.!?]*/g) ?? [];
  let out = '';
  for (const s of sentences) {
    if (out && (out + s).length > max) break;
    out += s;
  }
  return (out || body.slice(0, max)).trim();
}

function ordersReply(orders: readonly OrderSummary[]): string {
  if (orders.length === 0) return "I can't see any recent orders on your account. If you ordered as a guest, a colleague can look it up for you.";
  const lines = orders.map((o) => {
    const date = o.occurredAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const total = o.total ? ` for ${o.total.amount.toFixed(2)} ${o.total.currency}` : '';
    return `${o.orderId ? `order ${o.orderId}` : 'an order'} on ${date}${total} (${o.event.replace(/_/g, ' ')})`;
  });
  return `Here is what I can see: ${lines.join('; ')}.`;
}

/** Deterministic wording for each kind of answer; says only what the grounds hold. */
export function templateReply(grounds: ReplyGrounds): string {
  switch (grounds.kind) {
    case 'escalated':
      return "I'm passing you to a colleague now; they can see our conversation and will reply here.";
    case 'with_agent':
      return 'A colleague has your conversation and will reply here.';
    case 'request_created':
      return grounds.consent
        ? `I've passed your ${REQUEST_NAMES[grounds.request]} (${PURPOSE_NAMES[grounds.consent.purpose]}: ${grounds.consent.wantedStatus === 'granted' ? 'on' : 'off'}) to our privacy team, who will confirm it with you.`
        : `I've passed your ${REQUEST_NAMES[grounds.request]} to our privacy team. They will check it is you and reply within the legal deadline.`;
    case 'request_needs_identity':
      return `To make a ${REQUEST_NAMES[grounds.request]} I need to know it's you: please sign in and ask me again, or contact our privacy team.`;
    case 'request_failed':
      return `I couldn't record your ${REQUEST_NAMES[grounds.request]} just now. Please try again in a few minutes.`;
    case 'orders':
      return ordersReply(grounds.orders);
    case 'article':
      return `From our help centre, "${grounds.title}": ${articleExcerpt(grounds.body)}`;
    case 'greeting':
      return "Hello! I'm the assistant. Ask me about orders, delivery, returns, your account or your data.";
    case 'rephrase':
      return "Sorry, I didn't quite understand. Could you say it another way?";
    case 'no_answer':
      return "I don't have an answer to that. Would you like me to pass you to a colleague?";
  }
}
