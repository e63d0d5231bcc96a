import { LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useColumnSettings } from '../../app/list/useColumnSettings';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { QueryForm } from '../../app/list/QueryForm';
import { ListOrCards, RowCard } from '../../app/list/ListOrCards';
import { useListParams } from '../../app/list/useListParams';
import { useNotice } from '../../app/notice/useNotice';
import { DivisionName } from '../divisions/DivisionName';
import { CreateUserModal } from './CreateUserModal';
import { OneTimePasswordModal } from './OneTimePassword';
import { PendingGrants } from './PendingGrants';
import { resetPassword, setLocked, userPageSize, useRoles, useUsers, type UserSummary } from './usersApi';

const filterKeys = ['q'] as const;

function UserStatus({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  return (
    <span className="haven-tags">
      {user.disabled ? (
        <Tag>{t('users.disabled')}</Tag>
      ) : user.locked ? (
        <Tag color="error">{t('users.locked')}</Tag>
      ) : (
        <Tag color="success">{t('users.active')}</Tag>
      )}
      {user.mustChangePassword && <Tag color="warning">{t('users.mustChangePassword')}</Tag>}
      {user.totpEnabled && <Tag>{t('users.totpOn')}</Tag>}
    </span>
  );
}

/** 用户管理: accounts in the reader's jurisdiction; with users.manage, create, reset and lock them. */
export default function UserListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('users.manage');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ q?: string }>();
  const list = useListParams(filterKeys);
  const users = useUsers({ q: list.filters.q, page: list.page });
  const roles = useRoles();
  const [creating, setCreating] = useState(false);
  const [oneTime, setOneTime] = useState<{ name: string; password: string; pendingRoles?: string[] } | null>(null);
  const [modal, modalHolder] = Modal.useModal();
  const notice = useNotice();
  const english = currentLanguage() === 'en';

  const roleName = (code: string) => {
    const role = roles.data?.find((candidate) => candidate.code === code);
    return role ? (english ? role.nameEn : role.nameZh) : code;
  };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['users'] });

  const confirmReset = (user: UserSummary) =>
    void modal.confirm({
      title: t('users.resetTitle', { name: user.displayName }),
      content: t('users.resetBody'),
      okText: t('users.resetPassword'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          setOneTime({ name: user.displayName, password: await resetPassword(user.id) });
          refresh();
        } catch (error) {
          void notice.error(describeApiError(error, t));
        }
      },
    });

  const confirmLock = (user: UserSummary) =>
    void modal.confirm({
      title: user.locked
        ? t('users.unlockTitle', { name: user.displayName })
        : t('users.lockTitle', { name: user.displayName }),
      content: user.locked ? t('users.unlockBody') : t('users.lockBody'),
      okText: user.locked ? t('users.unlock') : t('users.lock'),
      okButtonProps: { danger: !user.locked },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await setLocked(user.id, !user.locked);
          void notice.success(
            user.locked
              ? t('users.unlocked', { name: user.displayName })
              : t('users.lockedDone', { name: user.displayName }),
          );
          refresh();
        } catch (error) {
          void notice.error(describeApiError(error, t));
        }
      },
    });

  const userActions = (user: UserSummary) => (
    <Space size={0} wrap>
      <Button
        type="link"
        onClick={() => confirmReset(user)}
        aria-label={t('users.resetPasswordOf', { name: user.displayName })}
      >
        {t('users.resetPassword')}
      </Button>
      <Button
        type="link"
        icon={user.locked ? <UnlockOutlined aria-hidden /> : <LockOutlined aria-hidden />}
        onClick={() => confirmLock(user)}
        aria-label={
          user.locked ? t('users.unlockOf', { name: user.displayName }) : t('users.lockOf', { name: user.displayName })
        }
      >
        {user.locked ? t('users.unlock') : t('users.lock')}
      </Button>
    </Space>
  );

  const columns: TableColumnsType<UserSummary> = [
    {
      key: 'name',
      title: t('users.displayName'),
      render: (_, user) => (
        <span className="haven-stack">
          <span>{user.displayName}</span>
          <span className="haven-code haven-secondary">{user.username}</span>
        </span>
      ),
    },
    { key: 'organisation', title: t('users.organisation'), render: (_, user) => user.organisationName },
    { key: 'roles', title: t('users.roles'), render: (_, user) => user.roles.map(roleName).join('、') },
    {
      key: 'jurisdiction',
      title: t('users.jurisdiction'),
      render: (_, user) => <DivisionName code={user.jurisdictionCode} />,
    },
    { key: 'status', title: t('users.status'), render: (_, user) => <UserStatus user={user} /> },
    {
      key: 'lastLogin',
      title: t('users.lastLogin'),
      render: (_, user) => <span className="haven-nowrap">{formatDateTime(user.lastLoginAt, t)}</span>,
    },
    ...(manage
      ? [
          {
            key: 'actions',
            title: t('list.actions'),
            render: (_: unknown, user: UserSummary) => userActions(user),
          },
        ]
      : []),
  ];
  const columnSettings = useColumnSettings('users', columns);

  return (
    <>
      {modalHolder}
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={list.filters}
        onSearch={(values) => list.search({ q: values.q?.trim() })}
        onReset={() => list.search({})}
      >
        <Form.Item name="q" label={t('users.search')}>
          <Input allowClear maxLength={60} placeholder={t('users.searchPlaceholder')} />
        </Form.Item>
      </QueryForm>
      <PendingGrants roleName={roleName} />
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        <div className="haven-toolbar">
          <p className="haven-list-count" role="status">
            {users.data ? t('list.total', { count: users.data.total }) : ''}
          </p>
          <Space wrap>
            {columnSettings.control}
            {manage && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('list.create')}
              </Button>
            )}
          </Space>
        </div>
        {users.isError && (
          <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(users.error, t)} />
        )}
        <ListOrCards<UserSummary>
          label={t('list.tableLabel')}
          rowKey="id"
          card={(user) => (
            <RowCard
              title={
                <>
                  <span>{user.displayName}</span>
                  <UserStatus user={user} />
                </>
              }
              lines={[
                [t('users.organisation'), user.organisationName],
                [t('users.roles'), user.roles.map(roleName).join('、')],
                [t('users.jurisdiction'), <DivisionName key="j" code={user.jurisdictionCode} />],
                [t('users.lastLogin'), formatDateTime(user.lastLoginAt, t)],
              ]}
              action={manage ? userActions(user) : undefined}
            />
          )}
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: list.page,
            pageSize: userPageSize,
            total: users.data?.total ?? 0,
            onChange: list.setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
        />
      </section>
      {manage && (
        <CreateUserModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(name, password, pendingRoles) => {
            setCreating(false);
            setOneTime({ name, password, pendingRoles: pendingRoles.map(roleName) });
            refresh();
          }}
        />
      )}
      <OneTimePasswordModal shown={oneTime} onClose={() => setOneTime(null)} />
    </>
  );
}
