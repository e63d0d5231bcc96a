import { useTranslation } from 'react-i18next';

const width = 260;
const height = 90;
const left = 26;
const bottom = 16;

/**
 * Twelve months as a small SVG line (hand-drawn: two dozen lines of SVG instead of a chart library
 * of several hundred kB for a page that shows only lines, bars and tiles). Its numbers are in the
 * table beside it; a suppressed month is a gap in the line.
 */
export function TrendChart({ label, months, values }: { label: string; months: string[]; values: (number | null)[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...values.map((value) => value ?? 0));
  const step = (width - left - 6) / Math.max(1, months.length - 1);
  const x = (index: number) => left + index * step;
  const y = (value: number) => 6 + (height - bottom - 6) * (1 - value / max);
  const segments: string[] = [];
  let current = '';
  values.forEach((value, index) => {
    if (value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <figure className="haven-trend" style={{ margin: '4px 0' }}>
      <svg
        style={{ width: '100%', maxWidth: 420, height: 'auto', display: 'block' }}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('insight.problems.trendOf', { label })}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={width} y1={y(max * f)} y2={y(max * f)} stroke="#bfbfbf" strokeWidth={0.5} />
            <text x={left - 3} y={y(max * f) + 3} fontSize={8} textAnchor="end" fill="#434343">
              {Math.round(max * f * 10) / 10}
            </text>
          </g>
        ))}
        {segments.map((d) => (
          <path key={d} d={d} fill="none" stroke="#0958d9" strokeWidth={2} />
        ))}
        {values.map((value, index) =>
          value === null ? null : <circle key={months[index]} cx={x(index)} cy={y(value)} r={2} fill="#0958d9" />,
        )}
        {months.map((month, index) =>
          index % 3 === 2 ? (
            <text
              key={month}
              x={x(index)}
              y={height - 3}
              fontSize={8}
              textAnchor={index === months.length - 1 ? 'end' : 'middle'}
              fill="#434343"
            >
              {month.slice(2)}
            </text>
          ) : null,
        )}
      </svg>
      <details className="haven-trend-table">
        <summary>{t('insight.problems.numbers')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('insight.problems.month')}</th>
              <th scope="col">{label}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((month, index) => (
              <tr key={month}>
                <td>{month}</td>
                <td>{values[index] ?? t('insight.problems.hidden')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
