import { readFileSync } from 'node:fs';

// Clock ticks per second of /proc/<pid>/stat's utime and stime: 100 on every Linux Node supports.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; undefined where /proc is not there to read. */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export type CpuSnapshot = Map<string, number>;

/** CPU seconds of each named process, and of this process (the load generator). */
export function cpuSnapshot(processes: ReadonlyMap<string, number | undefined>): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const [name, pid] of processes) {
    const seconds = cpuSecondsOf(pid);
    if (seconds !== undefined) snapshot.set(name, seconds);
  }
  const own = process.cpuUsage();
  snapshot.set('load-generator', (own.user + own.system) / 1e6);
  return snapshot;
}

/** `name=<CPU ms per request>` for each process, busiest first, from CPU seconds spent: where a request's CPU goes. */
export function cpuPerRequest(spent: CpuSnapshot, requests: number): string {
  const rows = [...spent].map(([name, seconds]) => [name, (seconds * 1000) / Math.max(1, requests)] as const).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  return `${rows.map(([name, ms]) => `${name}=${ms.toFixed(2)}`).join(' ')} total=${total.toFixed(2)}`;
}
