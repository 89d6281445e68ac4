import {
  attributionChart,
  attributionTable,
  cohortHeatmap,
  cohortTable,
  contrastRatio,
  funnelTable,
  heatColour,
  hslToRgb,
  sankeyData,
  transitionsTable,
} from './chart-data';

describe('sankeyData', () => {
  it('makes one node per (position, event), so an event met twice does not loop back', () => {
    const data = sankeyData([
      { step: 0, from: 'Page', to: 'Signed Up', count: 5 },
      { step: 1, from: 'Signed Up', to: 'Page', count: 3 },
      { step: 2, from: 'Page', to: 'Order', count: 2 },
      { step: 1, from: 'Signed Up', to: 'Order', count: 0 },
    ]);
    expect(data.nodes.map((n) => n.name)).toEqual(['1. Page', '2. Signed Up', '3. Page', '4. Order']);
    expect(data.links).toEqual([
      { source: 0, target: 1, value: 5 },
      { source: 1, target: 2, value: 3 },
      { source: 2, target: 3, value: 2 },
    ]);
    for (const link of data.links) expect(link.target).toBeGreaterThan(link.source);
  });

  it('lists transitions by step, largest first, numbering steps from 1', () => {
    const table = transitionsTable([
      { step: 1, from: 'B', to: 'C', count: 1 },
      { step: 0, from: 'A', to: 'B', count: 2 },
      { step: 0, from: 'A', to: 'C', count: 7 },
    ]);
    expect(table.rows).toEqual([
      [1, 'A', 'C', 7],
      [1, 'A', 'B', 2],
      [2, 'B', 'C', 1],
    ]);
  });
});

describe('cohortHeatmap', () => {
  it('aligns every cohort on the same weeks and leaves weeks not yet reached empty', () => {
    const heat = cohortHeatmap([
      {
        weekStart: '2026-01-05T00:00:00.000Z',
        size: 10,
        retention: [
          { week: 0, active: 10, rate: 1 },
          { week: 2, active: 3, rate: 0.3 },
        ],
      },
      { weekStart: '2026-01-12T00:00:00.000Z', size: 4, retention: [{ week: 0, active: 4, rate: 1 }] },
    ]);
    expect(heat.weeks).toEqual([0, 1, 2]);
    expect(heat.rows[0]!.cells).toEqual([{ week: 0, active: 10, rate: 1 }, null, { week: 2, active: 3, rate: 0.3 }]);
    expect(heat.rows[1]!.cells.slice(1)).toEqual([null, null]);
    expect(cohortTable(heat)).toEqual({
      columns: ['Cohort week', 'Customers', 'Week 0', 'Week 1', 'Week 2'],
      rows: [
        ['2026-01-05', 10, 1, null, 0.3],
        ['2026-01-12', 4, 1, null, null],
      ],
    });
  });

  it('has no weeks without cohorts', () => {
    expect(cohortHeatmap([])).toEqual({ weeks: [], rows: [] });
  });
});

describe('heatColour', () => {
  it('darkens with the rate and switches to white text on dark cells', () => {
    expect(heatColour(0)).toEqual({ background: 'hsl(214 70% 96%)', color: '#000000' });
    expect(heatColour(1)).toEqual({ background: 'hsl(214 70% 30%)', color: '#ffffff' });
    expect(heatColour(7)).toEqual(heatColour(1));
  });

  it('keeps text at 4.5:1 or more on every cell (WCAG AA), the middle blues included', () => {
    for (let i = 0; i <= 100; i++) {
      const { background, color } = heatColour(i / 100);
      const lightness = Number(/(\d+)%\)$/.exec(background)?.[1]);
      const text = color === '#ffffff' ? [255, 255, 255] : [0, 0, 0];
      expect(contrastRatio(hslToRgb(214, 0.7, lightness / 100), text)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('contrastRatio and hslToRgb', () => {
  it('agree with known values: white on black 21:1, the blue an axe check measured at 4:1 against white', () => {
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
    expect(hslToRgb(0, 0, 1)).toEqual([255, 255, 255]);
    expect(hslToRgb(214, 0.7, 0.54)).toEqual([56, 127, 220]);
    expect(contrastRatio([56, 127, 220], [255, 255, 255])).toBeCloseTo(4.0, 1);
  });
});

describe('funnelTable', () => {
  it('keeps the counts and rounds rates to four places', () => {
    const t = funnelTable([
      { name: 'Viewed', count: 3, conversionRate: 1, stepConversionRate: 1, dropOff: 1 },
      { name: 'Bought', count: 2, conversionRate: 2 / 3, stepConversionRate: 2 / 3, dropOff: 0 },
    ]);
    expect(t.rows[1]).toEqual(['Bought', 2, 0.6667, 0.6667, 0]);
  });
});

describe('attribution side by side', () => {
  const rows = [
    { key: 'WEB', models: [{ model: 'LINEAR', conversions: 2.5, low: 2, high: 3 }] },
    {
      key: 'EMAIL',
      models: [
        { model: 'LINEAR', conversions: 1 / 3, low: 0, high: 1 },
        { model: 'MARKOV', conversions: 1, low: 1, high: 1 },
      ],
    },
  ];

  it('gives every model a bar in every group, zero where it credits nothing', () => {
    expect(attributionChart(['LINEAR', 'MARKOV'], rows)).toEqual([
      { key: 'WEB', LINEAR: 2.5, MARKOV: 0 },
      { key: 'EMAIL', LINEAR: 0.3333, MARKOV: 1 },
    ]);
  });

  it('tables each model with its interval, empty where a model has no row', () => {
    const t = attributionTable(['LINEAR', 'MARKOV'], rows);
    expect(t.columns).toEqual(['Key', 'LINEAR', 'LINEAR low', 'LINEAR high', 'MARKOV', 'MARKOV low', 'MARKOV high']);
    expect(t.rows[0]).toEqual(['WEB', 2.5, 2, 3, null, null, null]);
  });
});
