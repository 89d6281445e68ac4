import { nonGsmCharacters, smsLength } from './sms-encoding';

describe('SMS length', () => {
  it('counts GSM-7 septets, extension characters twice', () => {
    expect(smsLength('Hello, see you at 5pm!')).toEqual({ encoding: 'GSM-7', units: 22, limit: 160 });
    expect(smsLength('Price {10} €')).toEqual({ encoding: 'GSM-7', units: 15, limit: 160 });
    expect(smsLength('Ça coûte £5 à Zürich').encoding).toBe('UCS-2'); // û is not in GSM 03.38
    expect(smsLength('Åse, é, ñ, ß, Ø').encoding).toBe('GSM-7');
  });

  it('switches to UCS-2 (70 per message) for any other character, counting UTF-16 units', () => {
    expect(smsLength('Thanks 🙂')).toEqual({ encoding: 'UCS-2', units: 9, limit: 70 });
    expect(smsLength('“quoted”').encoding).toBe('UCS-2');
    expect(nonGsmCharacters('Hi “Ann” 🙂 é')).toEqual(['“', '”', '🙂']);
  });

  it('puts the 160 and 70 boundaries where handsets do', () => {
    expect(smsLength('a'.repeat(160)).units).toBe(160);
    expect(smsLength('€'.repeat(80)).units).toBe(160);
    expect(smsLength(`${'a'.repeat(69)}ą`).units).toBe(70);
  });
});
