import { decisionView, noDecisionText } from './decisions';

describe('next best action in words', () => {
  it('shows the action, channel, policy, probability and that it is no holdout', () => {
    const view = decisionView({ action: { name: 'Winter offer' }, channel: 'EMAIL', policy: 'linear-thompson', probability: 0.4567, holdout: false });
    expect(view.headline).toBe('Winter offer on Email');
    expect(view.rows).toEqual([
      ['Action', 'Winter offer'],
      ['Channel', 'Email'],
      ['Policy', 'linear-thompson'],
      ['Probability of this choice', '45.7%'],
      ['Holdout', 'no'],
    ]);
  });

  it('says a holdout decision means showing nothing, with the share held out', () => {
    const view = decisionView({ action: null, channel: null, policy: 'holdout', probability: 0.1, holdout: true });
    expect(view.headline).toMatch(/^Holdout: show nothing/);
    expect(view.rows).toEqual([
      ['Policy', 'holdout'],
      ['Share of customers held out', '10.0%'],
    ]);
  });

  it('explains why there is nothing to do, naming a reason it does not know', () => {
    expect(noDecisionText('NO_CONSENTED_CHANNEL')).toBe('The customer has consented to no channel an action uses.');
    expect(noDecisionText('SOMETHING_ELSE')).toBe('No decision: Something else.');
    expect(noDecisionText(null)).toBe('No decision.');
  });
});
