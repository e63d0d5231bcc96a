import { Empty, Pagination, Spin, Table, type TableProps } from 'antd';
import type { Key, ReactNode } from 'react';
import { usePhoneLayout } from '../preferences/usePhoneLayout';
import { TableFrame } from './TableFrame';

interface ListOrCardsProps<T extends object> extends TableProps<T> {
  /** Accessible name of the table's scrolling box and of the card list. */
  label: string;
  /** One row as a phone card (use <RowCard>): what it is, a few facts, the primary action. */
  card: (row: T) => ReactNode;
  rowKey: keyof T & string;
}

/**
 * A list page's results: a table on a desktop, cards on a phone — a table squeezed into 366 px
 * hides its actions off to the right; a card shows them.
 */
export function ListOrCards<T extends object>({ label, card, ...table }: ListOrCardsProps<T>) {
  const phone = usePhoneLayout();
  if (!phone)
    return (
      <TableFrame label={label}>
        <Table<T> {...table} />
      </TableFrame>
    );
  const rows = table.dataSource ?? [];
  const pagination = table.pagination || undefined;
  const empty = table.locale?.emptyText;
  return (
    <Spin spinning={Boolean(table.loading)}>
      {rows.length === 0 ? (
        <Empty description={typeof empty === 'function' ? undefined : empty} />
      ) : (
        <ul className="haven-cards" aria-label={label}>
          {rows.map((row) => (
            <li key={row[table.rowKey] as Key}>{card(row)}</li>
          ))}
        </ul>
      )}
      {pagination && (pagination.total ?? 0) > (pagination.pageSize ?? 10) && (
        <Pagination
          className="haven-cards-pagination"
          simple
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={pagination.onChange}
        />
      )}
    </Spin>
  );
}

/** A row as a card: its title (with tags), facts as label: value, and the primary action full width. */
export function RowCard({
  title,
  lines,
  action,
}: {
  title: ReactNode;
  lines: [label: string, value: ReactNode][];
  action?: ReactNode;
}) {
  return (
    <article className="haven-rowcard">
      <h3 className="haven-rowcard-title">{title}</h3>
      <dl className="haven-rowcard-lines">
        {lines.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {action}
    </article>
  );
}
