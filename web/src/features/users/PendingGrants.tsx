import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDateTime } from '../../app/format';
import { TableFrame } from '../../app/list/TableFrame';
import { useNotice } from '../../app/notice/useNotice';
import { decideGrant, usePendingGrants, type RoleGrant } from './usersApi';

const reasonKeys = {
  'users.own_grant': 'users.grants.whyOwnRequest',
  'users.own_roles': 'users.grants.whyOwnRoles',
  'users.grant_beyond_own_access': 'users.grants.whyBeyondAccess',
  'users.grant_needs_approver': 'users.grants.whyNoAuthority',
} as const;

const reasonKey = (code: string | null) =>
  code !== null && code in reasonKeys ? reasonKeys[code as keyof typeof reasonKeys] : 'users.grants.whyOther';

/**
 * 待审批的授权: roles that read children's files wait for a second person (not the requester, not
 * the user, holding that access). Shown only while some are open; the server decides who may act.
 */
export function PendingGrants({ roleName }: { roleName: (code: string) => string }) {
  const { t } = useTranslation();
  const grants = usePendingGrants();
  const queryClient = useQueryClient();
  const [modal, modalHolder] = Modal.useModal();
  const notice = useNotice();

  const act = (grant: RoleGrant, decision: 'approve' | 'reject' | 'withdraw') =>
    void modal.confirm({
      title: t(`users.grants.${decision}Title`, { name: grant.displayName, role: roleName(grant.roleCode) }),
      content: t(`users.grants.${decision}Body`),
      okText: t(`users.grants.${decision}`),
      okButtonProps: { danger: decision !== 'approve' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await decideGrant(grant.id, decision);
          void notice.success(
            t(`users.grants.${decision}Done`, { name: grant.displayName, role: roleName(grant.roleCode) }),
          );
        } catch (error) {
          void notice.error(describeApiError(error, t));
        }
        void queryClient.invalidateQueries({ queryKey: ['users'] });
      },
    });

  if (!grants.data || grants.data.length === 0)
    return grants.isError ? <Alert type="error" showIcon message={describeApiError(grants.error, t)} /> : null;

  const columns: TableColumnsType<RoleGrant> = [
    {
      key: 'user',
      title: t('users.displayName'),
      render: (_, grant) => (
        <span className="haven-stack">
          <span>{grant.displayName}</span>
          <span className="haven-code haven-secondary">{grant.username}</span>
        </span>
      ),
    },
    { key: 'organisation', title: t('users.organisation'), render: (_, grant) => grant.organisationName },
    { key: 'role', title: t('users.grants.role'), render: (_, grant) => roleName(grant.roleCode) },
    { key: 'requestedBy', title: t('users.grants.requestedBy'), render: (_, grant) => grant.requestedBy },
    {
      key: 'requestedAt',
      title: t('users.grants.requestedAt'),
      render: (_, grant) => <span className="haven-nowrap">{formatDateTime(grant.requestedAt, t)}</span>,
    },
    {
      key: 'actions',
      title: t('list.actions'),
      render: (_, grant) => (
        <Space size={0} wrap>
          {grant.canDecide && (
            <>
              <Button
                type="link"
                onClick={() => act(grant, 'approve')}
                aria-label={t('users.grants.approveOf', { name: grant.displayName, role: roleName(grant.roleCode) })}
              >
                {t('users.grants.approve')}
              </Button>
              <Button
                type="link"
                danger
                onClick={() => act(grant, 'reject')}
                aria-label={t('users.grants.rejectOf', { name: grant.displayName, role: roleName(grant.roleCode) })}
              >
                {t('users.grants.reject')}
              </Button>
            </>
          )}
          {grant.canWithdraw && (
            <Button
              type="link"
              onClick={() => act(grant, 'withdraw')}
              aria-label={t('users.grants.withdrawOf', { name: grant.displayName, role: roleName(grant.roleCode) })}
            >
              {t('users.grants.withdraw')}
            </Button>
          )}
          {!grant.canDecide && !grant.canWithdraw && (
            <span className="haven-secondary">{t(reasonKey(grant.cannotDecideBecause))}</span>
          )}
          {!grant.canDecide && grant.canWithdraw && (
            <span className="haven-secondary">{t('users.grants.whyOwnRequest')}</span>
          )}
        </Space>
      ),
    },
  ];

  return (
    <section className="haven-list haven-pending-grants" aria-labelledby="haven-pending-grants">
      {modalHolder}
      <h2 id="haven-pending-grants">{t('users.grants.title', { n: grants.data.length })}</h2>
      <Alert type="info" showIcon role="note" message={t('users.grants.rule')} className="haven-form-alert" />
      <TableFrame label={t('users.grants.title', { n: grants.data.length })}>
        <Table<RoleGrant>
          rowKey="id"
          columns={columns}
          dataSource={grants.data}
          loading={grants.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={false}
        />
      </TableFrame>
    </section>
  );
}
