import { databaseMisconfiguration, databaseUnavailability } from '../db/errors';

/**
 * A failed connection check in words a learner can act on (which setting or AWS resource
 * to look at). `/test_connection` answers without a token, so these never carry a host
 * name, port, user, password or server version: the service log has the full error.
 */
const CAUSES = {
  unreachable:
    'Nothing accepted the connection at the address in DATABASE_URL: the database is stopped, ' +
    'the port is wrong, or the host name does not resolve.',
  timed_out:
    'The database did not accept a connection in time: check the security groups and subnets ' +
    'between this instance and the database.',
  connection_lost: 'The connection to the database broke while in use: it may be restarting or failing over.',
  restarting: 'The database is starting up or shutting down (a restart, reboot or failover): try again in a moment.',
  too_many_connections:
    'The database has no connection slot left: lower DATABASE_POOL_SIZE across instances or raise max_connections.',
  authentication_failed: 'The database refused the user name or password in DATABASE_URL.',
  database_missing: 'The database named in DATABASE_URL does not exist on the server: create it or run the migrations.',
  access_denied: 'The database user in DATABASE_URL may not connect to that database.',
  tls_failed: 'The TLS connection to the database failed: check DATABASE_CA_CERT_PATH and sslmode in DATABASE_URL.',
} as const;

const UNKNOWN_CAUSE = 'The database answered with an error: the service log has the details.';

export function describeConnectionFailure(err: unknown): string {
  const cause = databaseUnavailability(err) ?? databaseMisconfiguration(err);
  return cause ? CAUSES[cause] : UNKNOWN_CAUSE;
}
