/** What a customer asking to change consent wants: the purpose and the status, read from their words. */
export interface ConsentChange {
  purpose: 'email_marketing' | 'sms_marketing' | 'profiling' | 'third_party_sharing' | 'personalisation';
  wantedStatus: 'granted' | 'withdrawn';
}

const OPT_IN = /\b(opt(ing)? (back )?in|subscribe me|sign me up|start (getting|receiving)|receive .* again|again|resubscribe|re-subscribe|turn on)\b/i;

/**
 * Reads the purpose from the channel or use named; withdrawal unless they clearly ask to opt in, since
 * a wrong withdrawal is harmless and a wrong grant is not. Compliance checks the request anyway.
 */
export function consentChangeOf(text: string): ConsentChange {
  const t = text.toLowerCase();
  const purpose: ConsentChange['purpose'] = /\b(sms|text(s|ing)?|messages? on my phone)\b/.test(t)
    ? 'sms_marketing'
    : /\b(profil\w*|tailor\w*|personalised ads|personalized ads|targeted)\b/.test(t)
      ? 'profiling'
      : /\b(partners?|third part\w*|other compan\w*|share|sharing|pass my details)\b/.test(t)
        ? 'third_party_sharing'
        : 'email_marketing';
  const optingIn = OPT_IN.test(t) && !/\b(stop|no more|don'?t|do not|never|unsubscribe|opt(ing)? out|remove)\b/.test(t);
  return { purpose, wantedStatus: optingIn ? 'granted' : 'withdrawn' };
}
