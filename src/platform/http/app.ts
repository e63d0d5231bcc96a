import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { authenticate } from '../auth/authenticate.js';
import { registerAuthRoutes } from '../auth/routes.js';
import { translate } from '../i18n/translate.js';
import type { HavenApp, HttpDeps } from './deps.js';
import { installErrorMapping } from './errors.js';
import { registerHealthRoutes } from './health.js';
import { installMetrics } from './metrics.js';
import { noStoreForApi } from './no-store.js';
import { openApiOptions } from './openapi.js';
import { requestContext } from './request-context.js';
import { type DeclaredRoute, routeAccess } from './route-access.js';
import { declaredQueriesOnly, zodValidatorCompiler } from './validation.js';
import { serveWebApp } from './web-app.js';

export type FeatureRoutes = (app: HavenApp, deps: HttpDeps) => void | Promise<void>;

export interface BuiltApp {
  app: HavenApp;
  declaredRoutes: DeclaredRoute[];
  servesWebApp: boolean;
}

export async function buildApp(deps: HttpDeps, features: readonly FeatureRoutes[] = []): Promise<BuiltApp> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: config.bodyLimitBytes,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: trustProxySetting(config.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const declaredRoutes: DeclaredRoute[] = [];
  await app.register(requestContext);
  installErrorMapping(app, { bodyLimit: config.bodyLimitBytes });
  await app.register(cookie);
  await app.register(authenticate, { db: deps.db, config });
  await app.register(routeAccess, { declared: declaredRoutes });
  await app.register(declaredQueriesOnly);
  await app.register(noStoreForApi);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its theme as inline styles (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (request, context) => ({
      statusCode: 429,
      error: {
        code: 'rate_limited',
        message: translate(request.locale, 'rate_limited'),
        details: { retryAfterMs: context.ttl },
      },
    }),
  });
  await app.register(swagger, openApiOptions);
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  installMetrics(app, { token: config.metricsToken });
  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  for (const feature of features) await feature(app, deps);
  const servesWebApp = await serveWebApp(app, config.webDir);
  return { app, declaredRoutes, servesWebApp };
}

/** HAVEN_TRUST_PROXY as Fastify takes it; only behind a proxy does X-Forwarded-For name the client. */
export function trustProxySetting(value: string): boolean | string | ((address: string, hop: number) => boolean) {
  if (value === 'true') return true;
  if (value === 'false') return false;
  // A number of hops, as Fastify documents it (its types only take the function form).
  if (/^\d+$/.test(value)) return (_address, hop) => hop < Number(value);
  return value.replace(/\s+/g, '');
}
