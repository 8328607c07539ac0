import { ClientClosedError, ClientOfflineError, ErrorReply, SocketClosedUnexpectedlyError, TimeoutError } from 'redis';
import { isRedisUnavailable } from './unavailable';

test.each([
  ['offline client', new ClientOfflineError()],
  ['closed client', new ClientClosedError()],
  ['dropped socket', new SocketClosedUnexpectedlyError()],
  ['missed deadline', new TimeoutError()],
  ['loading after restart', new ErrorReply('LOADING Redis is loading the dataset in memory')],
  ['read-only replica after failover', new ErrorReply("READONLY You can't write against a read only replica.")],
  ['cluster down', new ErrorReply('CLUSTERDOWN The cluster is down')],
  ['refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
])('%s means Redis is unavailable (503)', (_case, err) => {
  expect(isRedisUnavailable(err)).toBe(true);
});

test.each([
  ['a wrong type', new ErrorReply('WRONGTYPE Operation against a key holding the wrong kind of value')],
  ['a script bug', new ErrorReply('ERR user_script:1: attempt to compare nil with number')],
  ['a plain bug', new TypeError('x is undefined')],
  ['not an error', 'oops'],
])('%s is not an outage (stays a 500)', (_case, err) => {
  expect(isRedisUnavailable(err)).toBe(false);
});
