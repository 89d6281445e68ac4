/**
 * SMS length as a handset counts it. Written here rather than taken from a package: the rule is two
 * character tables from GSM 03.38, and no installed dependency has them.
 */
const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Reached through the escape character, so each costs two septets. */
const GSM7_EXTENSION = '^{}\\[~]|€\f';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2 (an emoji outside the BMP costs two). */
  units: number;
  /** What one segment holds in that encoding. */
  limit: number;
}

export const GSM7_SEGMENT = 160;
export const UCS2_SEGMENT = 70;

export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extension.has(char)) septets += 2;
    else return { encoding: 'UCS-2', units: text.length, limit: UCS2_SEGMENT };
  }
  return { encoding: 'GSM-7', units: septets, limit: GSM7_SEGMENT };
}

/** The characters that force UCS-2, for a reason a writer can act on. */
export function nonGsmCharacters(text: string): string[] {
  return [...new Set([...text].filter((c) => !basic.has(c) && !extension.has(c)))];
}
