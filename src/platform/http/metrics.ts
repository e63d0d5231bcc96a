import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { DomainError } from '../errors.js';
import { isLoopback } from '../loopback.js';

/**
 * Prometheus text at /metrics: process metrics and request counts and durations by route. Not for
 * everyone (routes, volumes and error rates tell an attacker much): with HAVEN_METRICS_TOKEN set,
 * a scraper sends it as the password of HTTP basic auth (a Bearer header is taken for an API
 * token); without one, only direct requests from this machine are answered.
 */
export function installMetrics(app: FastifyInstance, options: { token?: string | undefined } = {}): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'haven_' });
  const duration = new Histogram({
    name: 'haven_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'haven_http_errors_total',
    help: 'HTTP responses with status >= 500',
    labelNames: ['route'],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc({ route });
  });
  app.get('/metrics', { config: { rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
    if (options.token) {
      if (!sentToken(request, options.token)) {
        reply.header('www-authenticate', 'Basic realm="haven-metrics"');
        throw new DomainError('metrics_refused', 401);
      }
    } else if (!directFromThisMachine(request)) {
      throw new DomainError('metrics_refused', 403);
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}

function sentToken(request: FastifyRequest, token: string): boolean {
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!basic) return false;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const given = Buffer.from(decoded.slice(decoded.indexOf(':') + 1));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The connection itself comes from loopback and no proxy on this machine forwarded it. */
function directFromThisMachine(request: FastifyRequest): boolean {
  const forwarded = ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((name) => request.headers[name] !== undefined);
  return !forwarded && isLoopback(request.socket.remoteAddress);
}
