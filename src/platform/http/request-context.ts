import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, anonymousActor } from '../access/actor.js';
import { type Locale, localeFromAcceptLanguage, locales } from '../i18n/locale.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor;
  }
}

/** The caller's language: an explicit `lang` cookie, else Accept-Language; zh-CN by default. */
export function requestLocale(request: FastifyRequest): Locale {
  const cookie = request.headers.cookie?.match(/(?:^|;\s*)haven_lang=([^;]+)/)?.[1];
  if (cookie && (locales as readonly string[]).includes(cookie)) return cookie as Locale;
  return localeFromAcceptLanguage(request.headers['accept-language']);
}

/** Every request starts anonymous; the auth plugin (sign-in issue) replaces the actor. */
export const requestContext = fp(async (app: FastifyInstance) => {
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('actor', undefined as unknown as Actor);
  app.addHook('onRequest', async (request, reply) => {
    request.locale = requestLocale(request);
    request.actor = anonymousActor(request.locale, request.ip, request.id);
    reply.header('x-request-id', request.id);
  });
});
