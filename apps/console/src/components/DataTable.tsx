import type { TableData } from '../domain/chart-data';

export function DataTable({ data, caption }: { data: TableData; caption: string }) {
  return (
    <table>
      <caption className="muted" style={{ textAlign: 'left' }}>
        {caption}
      </caption>
      <thead>
        <tr>
          {data.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>{cell === null || cell === undefined ? '—' : String(cell)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
