import { waitFor } from '@c360/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { gatewayData, postBatch, waitForQueuesIdle } from '../../e2e/src/system';
import { formatScore, sentimentWords } from '../src/domain/predictions';
import { screenshot } from './browser';
import { customerIdOf, expectAccessible, findCustomer, tokenOf, type ConsoleHarness } from './harness';
import { HORIZON_DAYS } from './seed-insights';

interface Score {
  kind: string;
  score: number;
  modelVersion: number;
  explanation: { raising: { text: string }[]; lowering: { text: string }[] };
}
type Predictions = {
  customer: {
    predictions: { withheld: boolean; scores: Score[] } | null;
    segment: { description: string } | null;
    sentiment: { trend: number | null; label: string | null; textCount: number | null };
  };
};
const PREDICTIONS = `query ($id: ID!) { customer(id: $id) { predictions { withheld scores { kind score modelVersion explanation { raising { text } lowering { text } } } } segment { description } sentiment { trend label textCount } } }`;

/** Trains a churn model on the seeded population through the gateway, waits for it and promotes it, as an analyst would. */
async function trainAndPromoteChurn(h: ConsoleHarness, analyst: string): Promise<void> {
  const started = await gatewayData<{ trainModel: { id: string } }>(
    h.system,
    `mutation ($c: DateTime!, $d: Int!) { trainModel(input: { kind: CHURN, cutoff: $c, horizonDays: $d }) { id } }`,
    { c: h.insights.cutoff.toISOString(), d: HORIZON_DAYS },
    analyst,
  );
  const modelId = await waitFor(
    async () => {
      const { modelRun } = await gatewayData<{ modelRun: { status: string; error: string | null; result: { model: { id: string } | null } | null } }>(
        h.system,
        `query ($id: ID!) { modelRun(id: $id) { status error result { model { id } } } }`,
        { id: started.trainModel.id },
        analyst,
      );
      if (modelRun.status === 'FAILED') throw new Error(modelRun.error ?? 'training failed');
      return modelRun.result?.model?.id;
    },
    120_000,
    'the churn model to train',
  );
  await gatewayData(h.system, `mutation ($id: ID!) { promoteModel(modelId: $id) { id } }`, { id: modelId }, analyst);
}

async function runSegmentation(h: ConsoleHarness, analyst: string): Promise<void> {
  const { runSegmentation: run } = await gatewayData<{ runSegmentation: { id: string } }>(h.system, `mutation { runSegmentation { id } }`, {}, analyst);
  await waitFor(
    async () => {
      const { segmentation } = await gatewayData<{ segmentation: { status: string; error: string | null } }>(
        h.system,
        `query ($id: ID!) { segmentation(id: $id) { status error } }`,
        { id: run.id },
        analyst,
      );
      if (segmentation.status === 'FAILED') throw new Error(segmentation.error ?? 'segmentation failed');
      return segmentation.status === 'SUCCEEDED';
    },
    60_000,
    'the segmentation',
  );
}

async function predictionsOf(h: ConsoleHarness, id: string): Promise<Predictions['customer']> {
  return (await gatewayData<Predictions>(h.system, PREDICTIONS, { id }, h.officerToken)).customer;
}

/** Customer 360's profiling panels against a model trained in the run, and a customer who refused profiling. */
export function predictionScenarios(h: ConsoleHarness): void {
  describe('predictions in the customer 360', () => {
    it('shows a scored customer its churn score with the factors raising and lowering it, segment, sentiment and a next best action; a customer who refused profiling is withheld, not zero', async () => {
      const analyst = await tokenOf('analyst');
      const [scoredId, unprofiledId] = [await customerIdOf(h, h.insights.scoredEmail), await customerIdOf(h, h.insights.unprofiledEmail)];
      const consent = `mutation ($id: ID!, $p: ConsentPurpose!, $c: Channel, $s: ConsentStatus!) { recordConsent(input: { customerId: $id, purpose: $p, channel: $c, status: $s, source: "console-e2e" }) { status } }`;
      await gatewayData(h.system, consent, { id: unprofiledId, p: 'PROFILING', c: null, s: 'DENIED' }, h.officerToken);
      await gatewayData(h.system, consent, { id: scoredId, p: 'MARKETING', c: 'EMAIL', s: 'GRANTED' }, h.officerToken);
      const actionId = `console-${h.data.tag}`.replace(/[^a-z0-9_-]/g, '-');
      await gatewayData(
        h.system,
        `mutation ($id: ID!) { defineAction(input: { id: $id, kind: MESSAGE, name: "Console check-in", channels: [EMAIL] }) { id } }`,
        { id: actionId },
        await tokenOf('marketer'),
      );

      await trainAndPromoteChurn(h, analyst);
      await runSegmentation(h, analyst);
      // A promotion reaches scoring within 2 s (insights' replicas poll the registry); the next update scores.
      await new Promise((r) => setTimeout(r, 3_000));
      await postBatch(h.system, [h.insights.laterVisit()], h.officerToken);
      await waitForQueuesIdle(h.system, 60_000);
      const scored = await waitFor(
        async () => {
          const c = await predictionsOf(h, scoredId);
          return (c.predictions?.scores.length ?? 0) > 0 && c;
        },
        45_000,
        'the scored customer’s churn score',
      );
      const churn = scored.predictions?.scores.find((s) => s.kind === 'CHURN');
      if (!churn) throw new Error(`no churn score: ${JSON.stringify(scored)}`);
      await waitFor(async () => (await predictionsOf(h, unprofiledId)).predictions?.withheld === true, 30_000, 'the refused customer withheld');

      const page = await h.signIn('support');
      await findCustomer(page, h.insights.scoredEmail);
      const predictions = page.getByRole('region', { name: 'Predictions' });
      await predictions.getByRole('heading', { name: /Churn risk/ }).waitFor();
      await expect(predictions.getByTestId('score-CHURN').textContent()).resolves.toBe(formatScore('CHURN', churn.score));
      await predictions.getByText(`Model version ${churn.modelVersion}`).waitFor();
      const factors = [...churn.explanation.raising, ...churn.explanation.lowering];
      expect(factors.length).toBeGreaterThan(0);
      for (const f of [churn.explanation.raising[0], churn.explanation.lowering[0]].filter((x) => x !== undefined)) {
        await predictions.getByText(f.text, { exact: false }).first().waitFor();
      }
      if (scored.segment) await page.getByRole('region', { name: 'Segment' }).getByText(scored.segment.description).waitFor();
      // What the customer wrote includes the chat of the content scenarios: the figures are insights' own.
      const sentiment = (await predictionsOf(h, scoredId)).sentiment;
      await expect(page.getByRole('region', { name: 'Sentiment' }).locator('p').first().textContent()).resolves.toBe(
        `Trend: ${sentimentWords(sentiment.trend, sentiment.label)} over ${sentiment.textCount} text${sentiment.textCount === 1 ? '' : 's'}`,
      );

      const nba = page.getByRole('region', { name: 'Next best action' });
      await nba.getByRole('button', { name: 'Decide' }).click();
      await expect(nba.getByTestId('nba-result').textContent()).resolves.toMatch(/Console check-in on Email|Holdout: show nothing/);
      await page.evaluate(() => window.scrollTo(0, 0));
      await expectAccessible(page);
      await screenshot(page, 'customer-360-predictions');

      await findCustomer(page, h.insights.unprofiledEmail);
      await page.getByRole('region', { name: 'Identifiers' }).getByText(h.insights.unprofiledEmail).first().waitFor();
      const withheld = page.getByRole('region', { name: 'Predictions' }).getByTestId('predictions-state');
      await expect(withheld.textContent()).resolves.toContain('Withheld: the customer has not given profiling consent');
      await expect(
        page
          .getByRole('region', { name: 'Predictions' })
          .getByText(/Churn risk/)
          .count(),
      ).resolves.toBe(0);
      await page
        .getByRole('region', { name: 'Segment' })
        .getByText(/^Withheld/)
        .waitFor();
      await page
        .getByRole('region', { name: 'Sentiment' })
        .getByText(/^Withheld/)
        .waitFor();
      await expectAccessible(page);
      await page.context().close();

      // An analyst works on aggregates: the scored customer's predictions are masked, and there is nothing to decide.
      const analystPage = await h.signIn('analyst');
      await findCustomer(analystPage, h.insights.scoredEmail);
      await expect(analystPage.getByRole('region', { name: 'Predictions' }).getByTestId('predictions-state').textContent()).resolves.toContain(
        'Masked: your role is not cleared',
      );
      await expect(analystPage.getByRole('heading', { name: 'Next best action' }).count()).resolves.toBe(0);
      await analystPage.context().close();
    }, 300_000);
  });
}
