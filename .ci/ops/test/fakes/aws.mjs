// A stand-in for the AWS CLI, for the tests of roll-out.sh and deploy.sh: it answers the
// few calls they make from a JSON state file (FAKE_AWS_STATE) and records every call there.
// "Deploying" a set of image tags makes them the ones the fake shop (roll-out.test.ts) runs.
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';

const statePath = process.env.FAKE_AWS_STATE;
const state = JSON.parse(readFileSync(statePath, 'utf8'));
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const optionValues = (name) => {
  const at = args.indexOf(name);
  if (at === -1) return [];
  const values = [];
  for (let i = at + 1; i < args.length && !args[i].startsWith('--'); i += 1) values.push(args[i]);
  return values;
};
state.calls.push(args.join(' '));
const save = () => writeFileSync(statePath, JSON.stringify(state, null, 2));
const print = (text) => process.stdout.write(`${text}\n`);

/** `deploy.sh up backend-rds=<sha> …` → { 'backend-rds': sha, … } */
const tagsIn = (text) => Object.fromEntries([...text.matchAll(/([a-z-]+)=([0-9a-f]{7,40})/g)].map((m) => [m[1], m[2]]));
const deploys = (tags) => {
  const broken = Object.values(tags).some((sha) => state.brokenOnDeploy.includes(sha));
  if (!broken) state.running = { ...state.running, ...tags };
  return !broken;
};

const [service, command] = args;
const key = `${service} ${command}`;
switch (key) {
  case 'sts get-caller-identity':
    print('123456789012');
    break;
  case 'ssm get-parameters':
    for (const name of optionValues('--names')) if (state.parameters[name]) print(`${name}\t${state.parameters[name]}`);
    break;
  case 'ssm put-parameter':
    state.parameters[option('--name')] = option('--value');
    break;
  case 's3 cp': {
    const [source, target] = args.slice(2).filter((a) => !a.startsWith('--'));
    if (source.startsWith('s3://')) copyFileSync(state.objects[source.replace(/^s3:\/\/[^/]+\//, '')], target);
    else state.uploads.push(target);
    break;
  }
  case 'ssm send-command': {
    const commands = option('--parameters');
    const id = `command-${state.commands.length + 1}`;
    const ok = /deploy\.sh migrate/.test(commands) ? !state.failMigrations : deploys(tagsIn(commands));
    state.commands.push({ id, commands, status: ok ? 'Success' : 'Failed' });
    print(id);
    break;
  }
  case 'ssm list-command-invocations': {
    const found = state.commands.find((c) => c.id === option('--command-id'));
    const query = option('--query') ?? '';
    if (query.startsWith("length(CommandInvocations[?Status!='Success'])")) print(found.status === 'Success' ? '0' : '1');
    else if (query.startsWith('length(')) print('1');
    else if (args.includes('--details')) print(`i-0123\t${found.status}\t(output)`);
    else print(found.status);
    break;
  }
  case 'ec2 describe-instances':
  case 'elbv2 describe-load-balancers':
    print(state.shopAddress);
    break;
  case 'autoscaling describe-auto-scaling-groups':
    print('i-0123');
    break;
  case 'ec2 create-launch-template-version': {
    const data = JSON.parse(option('--launch-template-data'));
    const userData = Buffer.from(data.UserData, 'base64').toString('utf8');
    state.launchTemplateVersions.push(userData);
    print(String(state.launchTemplateVersions.length));
    break;
  }
  case 'autoscaling start-instance-refresh': {
    const version = Number(JSON.parse(option('--desired-configuration')).LaunchTemplate.Version);
    const userData = state.launchTemplateVersions[version - 1];
    const tags = Object.fromEntries(
      [...userData.matchAll(/^([A-Z_]+)_IMAGE_TAG=([0-9a-f]+)$/gm)].map((m) => [m[1].toLowerCase().replace(/_/g, '-'), m[2]]),
    );
    state.refreshes.push({ version, ok: deploys(tags) });
    print(`refresh-${state.refreshes.length}`);
    break;
  }
  case 'autoscaling describe-instance-refreshes':
    print(`${state.refreshes.at(-1).ok ? 'Successful' : 'Failed'}\t100\tNone`);
    break;
  case 'ecr get-login-password':
    print('fake-ecr-password');
    break;
  default:
    process.stderr.write(`fake aws: no answer for "${args.join(' ')}"\n`);
    save();
    process.exit(254);
}
save();
