import { useId, useState, type ReactNode } from 'react';
import type { TableData } from '../domain/chart-data';
import { toCsv } from '../domain/csv';
import { DataTable } from './DataTable';
import { download } from './download';

/** Every chart with its table view and a CSV download of the same figures. */
export function ChartPanel({ title, table, filename, children }: { title: string; table: TableData; filename: string; children: ReactNode }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <div className="chart-toolbar" role="group" aria-label={`${title} view`}>
        <button type="button" className={view === 'chart' ? '' : 'secondary'} aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
          Chart
        </button>
        <button type="button" className={view === 'table' ? '' : 'secondary'} aria-pressed={view === 'table'} onClick={() => setView('table')}>
          Table
        </button>
        <button type="button" className="secondary" onClick={() => download(filename, toCsv(table.columns, table.rows), 'text/csv')}>
          Download CSV
        </button>
      </div>
      {view === 'chart' ? <div>{children}</div> : <DataTable data={table} caption={title} />}
    </section>
  );
}
