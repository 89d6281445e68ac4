import { buildWindows, trainingWindows } from './sequence-windows';
import { buildVocabulary, PAD, RARE } from './vocabulary';

const steps = ['view', 'cart', 'buy', 'view', 'odd'].map((event, i) => ({ event, at: i * 60_000, channel: 'web' }));

describe('sequence windows', () => {
  const vocabularies = { events: buildVocabulary(['view', 'view', 'cart', 'cart', 'buy', 'buy']), channels: buildVocabulary(['web', 'web']) };
  const id = (e: string) => vocabularies.events.tokens.indexOf(e);

  it('cuts non-overlapping windows back from the last step', () => {
    expect(trainingWindows(steps, 2).map((w) => w.end)).toEqual([4, 2, 0]);
  });

  it('left-pads, labels the next event and whether the target follows, and maps unseen events to the rare id', () => {
    const w = buildWindows([{ steps, end: 2, labelNext: true }], vocabularies, 4, 'buy');
    expect(Array.from(w.events)).toEqual([PAD, id('view'), id('cart'), id('buy')]);
    expect(Array.from(w.stepMask)).toEqual([0, 1, 1, 1]);
    expect(Array.from(w.nextEvents)).toEqual([PAD, id('cart'), id('buy'), id('view')]);
    expect(Array.from(w.reach)).toEqual([0, 1, 1, 0]);
    const last = buildWindows([{ steps, end: 4, labelNext: true }], vocabularies, 2, 'buy');
    expect(Array.from(last.events)).toEqual([id('view'), RARE]);
    expect(Array.from(last.nextMask)).toEqual([1, 0]);
  });

  it('does not label the step after a prediction window', () => {
    const w = buildWindows([{ steps, end: 1, labelNext: false }], vocabularies, 2, 'buy');
    expect(Array.from(w.nextMask)).toEqual([1, 0]);
  });
});
