import type { DiagnosticsReport, Hop, HopGroup, HopStatus } from './report';
import type { DiagnosticsAccess } from './settings';

export const STATUS_TEXT: Record<HopStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  failing: 'Failing',
  untested: 'Not tested',
};

const GROUP_TITLES: Record<HopGroup, string> = {
  nginx: 'Browser → nginx → frontend',
  rds: 'frontend → backend-rds → PostgreSQL',
  redis: 'frontend → backend-redis → Redis',
};

export interface HopView extends Hop {
  statusText: string;
  latencyText: string;
}

export interface GroupView {
  id: HopGroup;
  title: string;
  hops: HopView[];
}

export const latencyText = (ms: number | null) => (ms === null ? '—' : ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`);

/** "Every hop answers." / "2 hops failing: backend-redis → Redis, …" */
export function headline(report: DiagnosticsReport): string {
  const failing = report.hops.filter((hop) => hop.status === 'failing');
  if (failing.length > 0) {
    const names = failing.map((hop) => `${hop.from} → ${hop.to}`).join(', ');
    return `${failing.length} ${failing.length === 1 ? 'hop' : 'hops'} failing: ${names}`;
  }
  if (report.hops.some((hop) => hop.status === 'warning')) return 'Every tested hop answers, with a warning';
  if (report.hops.some((hop) => hop.status === 'untested')) return 'Every tested hop answers';
  return 'Every hop answers';
}

export function diagnosticsView(report: DiagnosticsReport, access: DiagnosticsAccess) {
  const groups: GroupView[] = (['nginx', 'rds', 'redis'] as const).map((id) => ({
    id,
    title: GROUP_TITLES[id],
    hops: report.hops
      .filter((hop) => hop.group === id)
      .map((hop) => ({ ...hop, statusText: STATUS_TEXT[hop.status], latencyText: latencyText(hop.latencyMs) })),
  }));
  const { servedBy } = report;
  return {
    report,
    groups,
    headline: headline(report),
    overall: report.hops.some((hop) => hop.status === 'failing') ? 'failing' : report.hops.some((hop) => hop.status === 'warning') ? 'warning' : 'ok',
    servedBy: [
      { label: 'Host name', value: servedBy.hostName },
      { label: 'EC2 instance', value: servedBy.instanceId ?? 'not on EC2 (no answer from the instance metadata service)' },
      ...(servedBy.availabilityZone ? [{ label: 'Availability zone', value: servedBy.availabilityZone }] : []),
      ...(servedBy.instanceType ? [{ label: 'Instance type', value: servedBy.instanceType }] : []),
      { label: 'frontend version', value: servedBy.version },
    ],
    publicAccess: access === 'public',
    checkedAt: report.checkedAt,
  };
}
