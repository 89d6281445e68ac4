import type { Cell } from './csv';

export interface TableData {
  columns: string[];
  rows: Cell[][];
}

export interface FunnelStepInput {
  name: string;
  count: number;
  conversionRate: number;
  stepConversionRate: number;
  dropOff: number;
}

export function funnelTable(steps: readonly FunnelStepInput[]): TableData {
  return {
    columns: ['Step', 'Customers', 'Conversion from first step', 'Conversion from previous step', 'Drop-off'],
    rows: steps.map((s) => [s.name, s.count, round(s.conversionRate), round(s.stepConversionRate), s.dropOff]),
  };
}

export interface TransitionInput {
  step: number;
  from: string;
  to: string;
  count: number;
}

export interface SankeyData {
  nodes: { name: string }[];
  links: { source: number; target: number; value: number }[];
}

/**
 * Sankey nodes are (position, event) pairs, so an event met at two positions is two nodes and the
 * diagram stays acyclic, which the layout needs. Links with no count are left out.
 */
export function sankeyData(transitions: readonly TransitionInput[]): SankeyData {
  const index = new Map<string, number>();
  const nodes: { name: string }[] = [];
  const node = (step: number, name: string) => {
    const key = `${step}\u0000${name}`;
    let at = index.get(key);
    if (at === undefined) {
      at = nodes.length;
      index.set(key, at);
      nodes.push({ name: `${step + 1}. ${name}` });
    }
    return at;
  };
  const links = [...transitions]
    .filter((t) => t.count > 0)
    .sort((a, b) => a.step - b.step || b.count - a.count)
    .map((t) => ({ source: node(t.step, t.from), target: node(t.step + 1, t.to), value: t.count }));
  return { nodes, links };
}

export function transitionsTable(transitions: readonly TransitionInput[]): TableData {
  return {
    columns: ['Step', 'From', 'To', 'Customers'],
    rows: [...transitions].sort((a, b) => a.step - b.step || b.count - a.count).map((t) => [t.step + 1, t.from, t.to, t.count]),
  };
}

export interface CohortInput {
  weekStart: string;
  size: number;
  retention: { week: number; active: number; rate: number }[];
}

export interface HeatmapData {
  weeks: number[];
  rows: { weekStart: string; size: number; cells: ({ active: number; rate: number } | null)[] }[];
}

/** One row per cohort, one column per week since first seen; weeks a cohort has not reached yet are null. */
export function cohortHeatmap(cohorts: readonly CohortInput[]): HeatmapData {
  const maxWeek = Math.max(-1, ...cohorts.flatMap((c) => c.retention.map((r) => r.week)));
  const weeks = Array.from({ length: maxWeek + 1 }, (_, i) => i);
  return {
    weeks,
    rows: cohorts.map((c) => {
      const byWeek = new Map(c.retention.map((r) => [r.week, r]));
      return { weekStart: c.weekStart, size: c.size, cells: weeks.map((w) => byWeek.get(w) ?? null) };
    }),
  };
}

export function cohortTable(data: HeatmapData): TableData {
  return {
    columns: ['Cohort week', 'Customers', ...data.weeks.map((w) => `Week ${w}`)],
    rows: data.rows.map((r) => [r.weekStart.slice(0, 10), r.size, ...r.cells.map((c) => (c ? round(c.rate) : null))]),
  };
}

const HEAT_HUE = 214;
const HEAT_SATURATION = 0.7;

/**
 * Heat colour for a rate in [0, 1]: light to dark blue, with black or white text, whichever contrasts
 * more with the cell. Between them one always reaches WCAG's 4.5:1 (at worst about 4.58:1, where both
 * are equal); a dark grey instead of black would fall short on the middle blues.
 */
export function heatColour(rate: number): { background: string; color: string } {
  const r = Math.min(1, Math.max(0, rate));
  const lightness = Math.round(96 - r * 66);
  const background = hslToRgb(HEAT_HUE, HEAT_SATURATION, lightness / 100);
  const color = contrastRatio(background, [255, 255, 255]) >= contrastRatio(background, [0, 0, 0]) ? '#ffffff' : '#000000';
  return { background: `hsl(${HEAT_HUE} ${HEAT_SATURATION * 100}% ${lightness}%)`, color };
}

/** sRGB 0–255 of an HSL colour (hue in degrees, saturation and lightness in [0, 1]), as CSS computes it. */
export function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

/** WCAG 2 contrast ratio of two sRGB colours. */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const luminance = (rgb: readonly number[]) => {
    const [r, g, bl] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function round(rate: number): number {
  return Math.round(rate * 10_000) / 10_000;
}

export interface AttributionRowInput {
  key: string;
  models: { model: string; conversions: number; low: number; high: number }[];
}

/** One bar group per channel (or campaign), one bar per model: the credit each model gives it. */
export function attributionChart(models: readonly string[], rows: readonly AttributionRowInput[]): Record<string, string | number>[] {
  return rows.map((row) => {
    const bars: Record<string, string | number> = { key: row.key };
    for (const model of models) bars[model] = round(row.models.find((m) => m.model === model)?.conversions ?? 0);
    return bars;
  });
}

export function attributionTable(models: readonly string[], rows: readonly AttributionRowInput[]): TableData {
  return {
    columns: ['Key', ...models.flatMap((m) => [m, `${m} low`, `${m} high`])],
    rows: rows.map((row) => [
      row.key,
      ...models.flatMap((model) => {
        const credit = row.models.find((m) => m.model === model);
        return credit ? [round(credit.conversions), round(credit.low), round(credit.high)] : [null, null, null];
      }),
    ]),
  };
}
