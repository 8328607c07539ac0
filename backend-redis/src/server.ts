import { createLogger, runService, shutDownGracefully } from '@bookstore/common';
import { readConfig, settingsFrom } from './config';
import { createApp } from './app';
import { createRedis } from './redis/client';
import { KeyBuilder } from './redis/keys';
import { probeRedis } from './redis/probe';
import { redisDiagnostics } from './health/redis-diagnostics';

function main() {
  const config = readConfig();
  const logger = createLogger('backend-redis', config.LOG_LEVEL);
  const connectionOptions = {
    url: config.REDIS_URL,
    username: config.REDIS_USERNAME,
    password: config.REDIS_PASSWORD,
    cluster: config.REDIS_CLUSTER,
    clusterNodes: config.REDIS_CLUSTER_NODES,
    tlsCaPath: config.REDIS_TLS_CA_PATH,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    connectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS,
    reconnectMaxDelayMs: config.REDIS_RECONNECT_MAX_DELAY_MS,
  };
  const connection = createRedis({ ...connectionOptions, logger });
  // Listen even while Redis is away: health answers, /readyz says not ready, the rest 503s
  // until the connection is up. The client keeps retrying by itself.
  connection.connect().then(
    () => logger.info({ mode: connection.mode }, 'redis connected'),
    (err: unknown) => logger.error({ err }, 'redis connection abandoned'),
  );
  const app = createApp({
    redis: connection.redis,
    keys: new KeyBuilder(config.REDIS_KEY_PREFIX),
    logger,
    serviceToken: config.SERVICE_TOKEN,
    settings: settingsFrom(config),
    clock: () => new Date(),
    diagnostics: redisDiagnostics(config, (deadlineMs) => probeRedis(connectionOptions, deadlineMs)),
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT, redisMode: connection.mode }, 'backend-redis listening');
  });
  shutDownGracefully({ server, logger, closers: [() => connection.close()] });
}

runService(main);
