/** Which EC2 instance this process runs on, from the instance metadata service (IMDSv2). */
export interface InstanceIdentity {
  instanceId: string;
  availabilityZone: string;
  instanceType: string | null;
}

/** Resolves the identity, or null off AWS (or with IMDS off, or IMDSv2 out of reach). */
export type InstanceLookup = () => Promise<InstanceIdentity | null>;

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
const ZONE = /^[a-z]{2}-[a-z0-9-]{3,40}[a-z]$/;
const INSTANCE_TYPE = /^[a-z0-9-]+\.[a-z0-9-]+$/;

async function askMetadata(baseUrl: string, timeoutMs: number): Promise<InstanceIdentity | null> {
  // One deadline for the token and the reads together.
  const signal = AbortSignal.timeout(timeoutMs);
  const tokenAnswer = await fetch(new URL('/latest/api/token', baseUrl), {
    method: 'PUT',
    headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '60' },
    signal,
  });
  if (!tokenAnswer.ok) return null;
  const token = (await tokenAnswer.text()).trim();
  const read = async (path: string, shape: RegExp): Promise<string | null> => {
    const answer = await fetch(new URL(`/latest/meta-data/${path}`, baseUrl), { headers: { 'X-aws-ec2-metadata-token': token }, signal });
    const text = answer.ok ? (await answer.text()).trim() : '';
    return shape.test(text) ? text : null;
  };
  const [instanceId, availabilityZone, instanceType] = await Promise.all([
    read('instance-id', INSTANCE_ID),
    read('placement/availability-zone', ZONE),
    read('instance-type', INSTANCE_TYPE),
  ]);
  if (!instanceId || !availabilityZone) return null;
  return { instanceId, availabilityZone, instanceType };
}

/**
 * IMDSv2 (PUT a token, then GET with it), asked once per process and remembered, found or
 * not: an instance does not change under a running process, and off AWS nothing answers,
 * so the page pays the short timeout at most once. `baseUrl` undefined: never asked.
 */
export function instanceMetadataLookup(baseUrl: string | undefined, timeoutMs: number): InstanceLookup {
  if (baseUrl === undefined) return () => Promise.resolve(null);
  let identity: Promise<InstanceIdentity | null> | undefined;
  return () => {
    identity ??= askMetadata(baseUrl, timeoutMs).catch(() => null);
    return identity;
  };
}
