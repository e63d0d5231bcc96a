import {
  type IndicatorCode,
  indicatorDefinitions,
  type Problem,
  problemHeadlines,
  type RowIndicator,
  rowIndicators,
} from '@contract/insight/problems.js';
import { indicatorLabels, problemLabels } from '@contract/insight/labels.js';
import { Button, Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { labelOf } from './problemsApi';
import { TrendChart } from './TrendChart';

const isRowIndicator = (code: string): code is RowIndicator => (rowIndicators as readonly string[]).includes(code);

export interface ProblemSectionProps {
  problem: Problem;
  months: string[];
  indicators: readonly { code: IndicatorCode; trend: (number | null)[] }[];
  suppressed: boolean;
  seesRows: boolean;
  /** On a phone each problem is folded: its name and headline number show, the rest opens on a tap. */
  folded: boolean;
  onCompare: (code: IndicatorCode) => void;
  onShowRows: (code: RowIndicator) => void;
}

/** One problem of the five (or the mechanism's health): its indicators, each with headline, change and trend. */
export function ProblemSection(props: ProblemSectionProps) {
  const { problem, months, suppressed, folded } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const last = months.length - 1;
  const entries = props.indicators.filter((entry) => indicatorDefinitions[entry.code].problem === problem);
  // A reader who sees every count gets null only for a rate with nothing to divide by.
  const shown = (value: number | null) => value ?? (suppressed ? t('insight.problems.hidden') : '—');
  const title = labelOf(problemLabels[problem], language);

  const body = entries.map((entry) => {
    const now = entry.trend[last] ?? null;
    const before = entry.trend[last - 1] ?? null;
    const label = labelOf(indicatorLabels[entry.code], language);
    return (
      <section key={entry.code} className="haven-indicator" data-indicator={entry.code}>
        <h3>
          {label}：<strong className="haven-headline">{shown(now)}</strong>
          {now !== null && before !== null && now !== before && (
            <Tag className="haven-change">
              {t('insight.problems.change', { delta: Math.round((now - before) * 10) / 10 })}
            </Tag>
          )}
        </h3>
        <TrendChart label={label} months={months} values={entry.trend} />
        <Space wrap>
          <Button size="small" onClick={() => props.onCompare(entry.code)}>
            {t('insight.problems.compare')}
          </Button>
          {props.seesRows && isRowIndicator(entry.code) && (
            <Button size="small" onClick={() => props.onShowRows(entry.code as RowIndicator)}>
              {t('insight.problems.showRows')}
            </Button>
          )}
        </Space>
      </section>
    );
  });

  if (!folded)
    return (
      <Card title={title} size="small" className="haven-problem-card">
        {body}
      </Card>
    );
  const headline = entries.find((entry) => entry.code === problemHeadlines[problem]) ?? entries[0];
  return (
    <details className="haven-problem-fold" data-problem={problem}>
      <summary>
        <span className="haven-problem-name">{title}</span>
        {headline && (
          <span className="haven-problem-headline">
            {labelOf(indicatorLabels[headline.code], language)}：
            <strong className="haven-headline">{shown(headline.trend[last] ?? null)}</strong>
          </span>
        )}
      </summary>
      <div className="haven-problem-body">{body}</div>
    </details>
  );
}
