// A stand-in for one EC2 instance's metadata service (IMDSv2: PUT a token, GET with it), so
// each rehearsal instance's /diagnostics.json names its own instance id, as on AWS.
import { createServer, type Server } from 'node:http';

export interface MetadataService {
  url: string;
  close(): Promise<void>;
}

export async function startMetadataService(identity: { instanceId: string; availabilityZone: string }): Promise<MetadataService> {
  const token = `token-${identity.instanceId}`;
  const answers: Record<string, string> = {
    '/latest/meta-data/instance-id': identity.instanceId,
    '/latest/meta-data/placement/availability-zone': identity.availabilityZone,
    '/latest/meta-data/instance-type': 't3.small',
  };
  const server: Server = createServer((req, res) => {
    if (req.method === 'PUT' && req.url === '/latest/api/token') return void res.end(token);
    const answer = answers[req.url ?? ''];
    if (req.method !== 'GET' || answer === undefined) return void res.writeHead(404).end();
    if (req.headers['x-aws-ec2-metadata-token'] !== token) return void res.writeHead(401).end();
    res.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
