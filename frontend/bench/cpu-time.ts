// CPU time the shop's processes spend per request, read from Linux's /proc: unlike
// requests/s it hardly moves when other work shares the machine, so it says what a page
// costs and which service pays for it.
import { readFileSync } from 'node:fs';

/** /proc/<pid>/stat counts in clock ticks: 100 a second on Linux. */
const MS_PER_TICK = 10;

function ticksOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The process and its children (nginx's master does no work; its worker does). */
function familyOf(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...children.flatMap(familyOf)];
  } catch {
    return [pid];
  }
}

export interface Watched {
  name: string;
  pid: number;
}

/** Starts counting; the returned function gives CPU ms per request for each process. */
export function startCpuCount(processes: Watched[]): (requests: number) => Record<string, number> {
  const families = processes.map((p) => ({ name: p.name, pids: familyOf(p.pid) }));
  const before = families.map((f) => f.pids.reduce((sum, pid) => sum + ticksOf(pid), 0));
  return (requests) =>
    Object.fromEntries(
      families.map((f, i) => [f.name, ((f.pids.reduce((sum, pid) => sum + ticksOf(pid), 0) - before[i]!) * MS_PER_TICK) / Math.max(1, requests)]),
    );
}
