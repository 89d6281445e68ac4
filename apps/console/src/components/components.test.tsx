import { renderToStaticMarkup } from 'react-dom/server';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { ChartPanel } from './ChartPanel';
import { ChoiceGroup } from './ChoiceGroup';
import { Value } from './Masked';
import { ErrorNotice, QueryState } from './QueryState';

describe('Value', () => {
  it('shows a masked value as masked, never as the placeholder text', () => {
    const html = renderToStaticMarkup(<Value value="[masked]" />);
    expect(html).toContain('class="masked"');
    expect(html).not.toContain('[masked]');
    expect(renderToStaticMarkup(<Value value="ada@example.com" />)).toBe('ada@example.com');
    expect(renderToStaticMarkup(<Value value={null} />)).toContain('—');
  });
});

describe('QueryState and ErrorNotice', () => {
  it("shows the server's reason and code for a refused operation", () => {
    const error = new CombinedError({ graphQLErrors: [new GraphQLError('requires one of the roles: compliance', { extensions: { code: 'FORBIDDEN' } })] });
    const html = renderToStaticMarkup(<ErrorNotice error={error} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('requires one of the roles: compliance (FORBIDDEN)');
  });

  it('says it is loading until data arrives, then renders the data', () => {
    const loading = renderToStaticMarkup(
      <QueryState data={undefined} fetching={true} label="partners">
        {() => 'never'}
      </QueryState>,
    );
    expect(loading).toContain('Loading partners');
    expect(loading).toContain('role="status"');
    const done = renderToStaticMarkup(
      <QueryState data={{ n: 3 }} fetching={false} label="partners">
        {(d) => `n=${d.n}`}
      </QueryState>,
    );
    expect(done).toBe('n=3');
  });

  it('names the network failure when the gateway cannot be reached', () => {
    const error = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(renderToStaticMarkup(<ErrorNotice error={error} />)).toContain('the gateway could not be reached: Failed to fetch');
  });
});

describe('ChartPanel', () => {
  it('offers chart, table and CSV download, chart first', () => {
    const html = renderToStaticMarkup(
      <ChartPanel title="Funnel" table={{ columns: ['Step'], rows: [['A']] }} filename="f.csv">
        <svg />
      </ChartPanel>,
    );
    expect(html).toMatch(/aria-pressed="true"[^>]*>Chart</);
    expect(html).toContain('>Table<');
    expect(html).toContain('>Download CSV<');
    expect(html).toContain('<svg>');
  });
});

describe('ChoiceGroup', () => {
  it('labels every option by its humanised name, checks the chosen ones and groups them under the legend', () => {
    const html = renderToStaticMarkup(
      <ChoiceGroup legend="Events sent" options={['CUSTOMER_UPDATED', 'JOURNEY_DROPOFF']} chosen={['JOURNEY_DROPOFF']} onChange={() => undefined} />,
    );
    expect(html).toContain('<legend>Events sent</legend>');
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html.match(/checked=""/g)).toHaveLength(1);
    expect(html).toMatch(/checked=""\/>Journey dropoff/i);
  });
});
