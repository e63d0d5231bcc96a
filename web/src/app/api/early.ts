/**
 * The first data of a landing page, asked for by the build's first-load script (web/firstLoad.ts) while
 * the app's own scripts are still arriving. Each answer is taken once, by the first GET of its path,
 * and only soon after the load and in the language the app asks in; after that every call goes out.
 */
interface EarlyRequests {
  language: string;
  at: number;
  responses: Record<string, Promise<Response | undefined> | undefined>;
}

declare global {
  interface Window {
    havenEarly?: EarlyRequests;
  }
}

const freshForMs = 60_000;

export function takeEarlyResponse(path: string, language: string): Promise<Response | undefined> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.havenEarly;
  const response = early?.responses[path];
  if (!early || !response) return undefined;
  delete early.responses[path];
  if (early.language !== language || Date.now() - early.at > freshForMs) return undefined;
  return response.catch(() => undefined);
}
