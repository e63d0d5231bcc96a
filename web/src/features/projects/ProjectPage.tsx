import { formatDate } from '../../app/format';
import { Alert, Button, Card, Descriptions, Input, Progress, Spin, Statistic, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableFrame } from '../../app/list/TableFrame';
import { useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { serviceLabel } from '../referrals/referralsApi';
import { AddPostForm, EvaluateForm, RecordSessionForm } from './ProjectForms';
import {
  type IndicatorValue,
  indicatorLabel,
  type ProjectView,
  recordPayment,
  replyToEvaluation,
  stageLabel,
  useProject,
  yuan,
} from './projectsApi';

function Indicators({ values }: { values: IndicatorValue[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <TableFrame label={t('list.tableLabel')}>
      <Table
        rowKey="kind"
        size="small"
        scroll={{ x: true }}
        pagination={false}
        dataSource={values}
        locale={{ emptyText: t('projects.noIndicators') }}
        columns={[
          { title: t('projects.fields.indicator'), render: (_, row) => indicatorLabel(row.kind, lang) },
          {
            title: t('projects.fields.target'),
            render: (_, row) => t(`projects.units.${row.kind}`, { count: row.target }),
          },
          {
            title: t('projects.fields.actual'),
            render: (_, row) => t(`projects.units.${row.kind}`, { count: row.actual }),
          },
          {
            title: t('projects.fields.achievement'),
            width: 150,
            render: (_, row) =>
              row.percent === null ? (
                '—'
              ) : (
                <Progress
                  aria-label={`${indicatorLabel(row.kind, lang)} ${row.percent}%`}
                  size="small"
                  percent={Math.min(100, row.percent)}
                  format={() => `${row.percent}%`}
                />
              ),
          },
        ]}
      />
    </TableFrame>
  );
}

function Evaluations({ project }: { project: ProjectView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const notice = useNotice();
  if (project.evaluations.length === 0) return <p>{t('projects.noEvaluations')}</p>;
  return (
    <div className="haven-stack">
      {project.evaluations.map((evaluation) => (
        <Card
          key={evaluation.stage}
          size="small"
          title={`${stageLabel(evaluation.stage, i18n.language)} · ${formatDate(evaluation.evaluatedOn, t)}`}
        >
          <Indicators values={evaluation.indicators} />
          <p>
            <strong>{t('projects.findings')}</strong> {evaluation.findings}
          </p>
          {evaluation.reply ? (
            <p>
              <strong>{t('projects.reply')}</strong> {evaluation.reply}
            </p>
          ) : project.mayReply ? (
            <div className="haven-stack">
              <Input.TextArea
                aria-label={t('projects.reply')}
                value={drafts[evaluation.stage] ?? ''}
                onChange={(e) => setDrafts({ ...drafts, [evaluation.stage]: e.target.value })}
              />
              <Button
                onClick={async () => {
                  try {
                    await replyToEvaluation(project.id, evaluation.stage, {
                      expectedVersion: evaluation.version,
                      reply: drafts[evaluation.stage] ?? '',
                    });
                    await queryClient.invalidateQueries({ queryKey: ['project', project.id] });
                  } catch (error) {
                    void notice.error(describeApiError(error, t));
                  }
                }}
              >
                {t('projects.sendReply')}
              </Button>
            </div>
          ) : (
            <p>{t('projects.noReply')}</p>
          )}
        </Card>
      ))}
    </div>
  );
}

/** One project: the indicators counted from recorded work beside the targets, budget execution, posts, evaluations. */
export default function ProjectPage() {
  const { projectId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const notice = useNotice();
  const query = useProject(projectId);
  if (query.isPending) return <Spin />;
  if (query.error) return <Alert type="error" showIcon message={describeApiError(query.error, t)} />;
  const project = query.data;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return (
    <div className="haven-stack">
      <h2>{project.title}</h2>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('projects.fields.purchaser')}>{project.purchaser.name}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.provider')}>{project.provider.name}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.period')}>
          {formatDate(project.startsOn, t)} ~ {formatDate(project.endsOn, t)}
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.area')}>
          {project.areas.map((a) => a.name).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.services')}>
          {project.services.map((s) => (
            <Tag key={s}>{serviceLabel(s, lang)}</Tag>
          ))}
        </Descriptions.Item>
        {project.contractNumber && (
          <Descriptions.Item label={t('projects.fields.contract')}>{project.contractNumber}</Descriptions.Item>
        )}
      </Descriptions>
      <h3>{t('projects.indicators')}</h3>
      <p className="haven-muted">{t('projects.countedFromWork')}</p>
      <Indicators values={project.indicators} />
      {project.mayReply && <RecordSessionForm project={project} />}
      <h3>{t('projects.budget')}</h3>
      <div className="haven-row">
        <Statistic title={t('projects.fields.budget')} value={yuan(project.budget.budgetFen, lang)} />
        <Statistic title={t('projects.fields.plannedToDate')} value={yuan(project.budget.plannedToDateFen, lang)} />
        <Statistic
          title={t('projects.fields.paid')}
          value={`${yuan(project.budget.paidFen, lang)} (${project.budget.paidPercent}%)`}
        />
      </div>
      <TableFrame label={t('list.tableLabel')}>
        <Table
          rowKey="instalment"
          size="small"
          scroll={{ x: true }}
          pagination={false}
          dataSource={project.payments}
          columns={[
            { title: t('projects.fields.instalment'), dataIndex: 'instalment' },
            { title: t('projects.fields.dueOn'), dataIndex: 'dueOn', render: (day: string) => formatDate(day, t) },
            { title: t('projects.fields.planned'), render: (_, row) => yuan(row.plannedFen, lang) },
            {
              title: t('projects.fields.paid'),
              render: (_, row) =>
                row.paidFen !== null ? (
                  `${yuan(row.paidFen, lang)} · ${formatDate(row.paidOn, t)}`
                ) : project.mayManage ? (
                  <Button
                    size="small"
                    onClick={async () => {
                      try {
                        await recordPayment(project.id, row.instalment, {
                          expectedVersion: row.version,
                          paidOn: today,
                          paidFen: row.plannedFen,
                        });
                        await queryClient.invalidateQueries({ queryKey: ['project', project.id] });
                      } catch (error) {
                        void notice.error(describeApiError(error, t));
                      }
                    }}
                  >
                    {t('projects.payNow')}
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </TableFrame>
      <h3>{t('projects.posts')}</h3>
      {project.posts.length === 0 ? (
        <p>{t('projects.noPosts')}</p>
      ) : (
        <ul>
          {project.posts.map((post) => (
            <li key={post.id}>
              {post.personName} · {post.host.name} · {formatDate(post.startsOn, t)} ~ {formatDate(post.endsOn, t)}
            </li>
          ))}
        </ul>
      )}
      {project.mayManage && <AddPostForm project={project} />}
      <h3>{t('projects.evaluations')}</h3>
      <Evaluations project={project} />
      {project.mayManage && <EvaluateForm key={project.evaluations.length} project={project} />}
    </div>
  );
}
