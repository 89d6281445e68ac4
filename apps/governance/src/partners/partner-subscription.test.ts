import { EVENTS } from '@c360/contracts';
import { subscriptionChangeFrom } from './partner';

describe('subscriptionChangeFrom', () => {
  it('keeps what is given, without duplicates, and leaves out what is not', () => {
    expect(subscriptionChangeFrom({ events: [EVENTS.journeyDropoff, EVENTS.journeyDropoff, EVENTS.customerUpdated] })).toEqual({
      events: [EVENTS.journeyDropoff, EVENTS.customerUpdated],
    });
    expect(subscriptionChangeFrom({ fields: ['scores', 'scores'], events: null })).toEqual({ fields: ['scores'] });
  });

  it('takes an empty list of fields (only what identifies each event goes out)', () => {
    expect(subscriptionChangeFrom({ fields: [] })).toEqual({ fields: [] });
  });

  it('refuses no events at all, and a change of nothing', () => {
    expect(subscriptionChangeFrom({ events: [] })).toEqual({ problem: 'events: at least one' });
    expect(subscriptionChangeFrom({})).toHaveProperty('problem');
    expect(subscriptionChangeFrom({ events: null, fields: null })).toHaveProperty('problem');
  });
});
