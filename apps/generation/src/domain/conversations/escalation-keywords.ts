/**
 * Phrases that send a conversation to a person whatever the classifier thinks: a missed vulnerable
 * customer or legal threat costs far more than an agent reading a chat the bot could have handled,
 * so these lists lean towards catching too much. Matched on lower-cased text at word boundaries.
 */
const VULNERABILITY = [
  'bereave\\w*',
  'passed away',
  'died',
  'death in the family',
  'funeral',
  'terminal\\w*',
  'cancer',
  'chemo\\w*',
  'seriously ill',
  'in hospital',
  'hospitali[sz]ed',
  'disab\\w+',
  'mental health',
  'depress\\w*',
  'anxiety',
  'suicid\\w*',
  'self[- ]harm',
  'kill myself',
  'end it all',
  'domestic (abuse|violence)',
  'abusive partner',
  "can(no|')?t afford",
  'struggling to pay',
  'in debt',
  'bailiffs?',
  'food bank',
  'lost my job',
  'made redundant',
  'dementia',
  'alzheimer\\w*',
  'carer',
  'blind',
  'deaf',
  'widow\\w*',
  'vulnerable',
  'scammed',
];

const COMPLAINT = [
  'complain\\w*',
  'unacceptable',
  'disgrace\\w*',
  'appalling',
  'outrage\\w*',
  'furious',
  'worst (service|experience|company)',
  'never (shop|order|buy)\\w* (here|from you|with you) again',
  'fed up',
  'sick of',
  'rip[- ]?off',
  'useless',
  'incompetent',
];

const LEGAL_PRIVACY = [
  'lawyers?',
  'solicitors?',
  'attorneys?',
  'legal action',
  'legal advice',
  'take you to court',
  'court',
  'sue',
  'suing',
  'tribunal',
  'ombudsman',
  'regulator',
  'trading standards',
  'ico',
  'information commissioner',
  'data protection (authority|officer|regulator|act)',
  'dpo',
  'data breach',
  'breach(ed)? (of )?(my )?(data|privacy|gdpr)',
  'leak\\w* (my )?(data|details|information)',
  '(sold|shared|passed on) my (data|details|information)',
  'without my (consent|permission)',
  'privacy (violation|breach|complaint)',
  'unlawful\\w*',
  'illegal\\w*',
  'fraud\\w*',
];

const ASKED_FOR_PERSON = [
  '(speak|talk|chat) (to|with) (a |an |the |your |some )?(human|person|agent|someone|somebody|manager|supervisor|representative|advisor|adviser|operator|real person|member of staff|staff)',
  '(real|actual|live) (person|human|agent)',
  '(human|person) please',
  'not (a |this )?(bot|robot|machine)',
  'transfer me',
  'put me through',
  'call me back',
];

function pattern(phrases: readonly string[]): RegExp {
  return new RegExp(`\\b(${phrases.join('|')})\\b`, 'i');
}

export const KEYWORD_RULES = {
  vulnerability: pattern(VULNERABILITY),
  complaint: pattern(COMPLAINT),
  legal_privacy: pattern(LEGAL_PRIVACY),
  customer_asked: pattern(ASKED_FOR_PERSON),
} as const;
