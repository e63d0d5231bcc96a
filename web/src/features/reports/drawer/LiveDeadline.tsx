import { ClockCircleOutlined, WarningFilled } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The current time, once a second while shown. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** 1:05:09 or 05:09: hours only when there are some. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** A legal deadline counting live: time left, or how late, in words and an icon as well as colour. */
export function LiveDeadline({ dueAt }: { dueAt: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = new Date(dueAt).getTime() - now;
  const day = 86_400_000;
  // Past a day, the seconds no longer matter: whole days say it plainly.
  const time = (ms: number) => (ms >= day ? t('reports.clock.days', { days: Math.floor(ms / day) }) : clockText(ms));
  if (left < 0)
    return (
      <span className="haven-case-late haven-live-clock">
        <WarningFilled aria-hidden /> {t('reports.clock.late', { time: time(-left) })}
      </span>
    );
  return (
    <span className={`haven-live-clock${left < 15 * 60_000 ? ' haven-case-soon' : ''}`}>
      <ClockCircleOutlined aria-hidden /> {t('reports.clock.left', { time: time(left) })}
    </span>
  );
}
