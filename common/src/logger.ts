import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One JSON line per event on stdout, the shape CloudWatch and `docker logs` read best.
 * Secrets that might ride along in headers or bodies are redacted at the source.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        // Wildcards match one level only, so name the nested places too.
        '*.password',
        '*.cardNumber',
        '*.cvc',
        '*.payment.cardNumber',
        '*.payment.cvc',
        '*.*.payment.cardNumber',
        '*.*.payment.cvc',
      ],
      censor: '[redacted]',
    },
  });
}
