import type { ReactNode } from 'react';

/** A short full-page message (not found, failed to load); lighter than antd's Result. */
export function PageMessage({ title, body, action }: { title: string; body: string; action: ReactNode }) {
  return (
    <section className="haven-page-message" aria-labelledby="haven-page-message-title">
      <h2 id="haven-page-message-title">{title}</h2>
      <p>{body}</p>
      {action}
    </section>
  );
}
