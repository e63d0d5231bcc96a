import { DisconnectOutlined, DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { outboxCount } from '../offline/store';
import { usePhoneLayout } from '../preferences/usePhoneLayout';

const SignOutEverywhereDialog = lazy(() => import('./SignOutEverywhereDialog'));
const UnsentVisitsDialog = lazy(() => import('./UnsentVisitsDialog'));

/**
 * Who is signed in (name and organisation) and the two ways out: here, or on every device.
 * On phones the button shows the name only; the organisation heads the opened menu.
 */
export function AccountMenu() {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  const phone = usePhoneLayout();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [unsent, setUnsent] = useState<{ count: number; everywhere: boolean } | null>(null);
  if (!me) return null;
  const { displayName, organisationName } = me.user;

  /** Visits still on the phone are lost on sign-out: ask first (either way out). */
  const leave = async (everywhere: boolean) => {
    const count = await outboxCount().catch(() => 0);
    if (count > 0) setUnsent({ count, everywhere });
    else if (everywhere) setConfirming(true);
    else await signOut(false);
  };

  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'who',
      label: (
        <span className="haven-account-who">
          <span>{displayName}</span>
          <span className="haven-account-org">{organisationName}</span>
        </span>
      ),
    },
    { type: 'divider' },
    { key: 'signOut', icon: <LogoutOutlined aria-hidden />, label: t('account.signOut') },
    { key: 'signOutEverywhere', icon: <DisconnectOutlined aria-hidden />, label: t('account.signOutEverywhere') },
  ];

  return (
    <>
      <Dropdown
        open={open}
        onOpenChange={setOpen}
        trigger={['click']}
        placement="bottomRight"
        autoFocus
        menu={{
          items,
          className: 'haven-account-menu',
          onClick: ({ key }) => {
            setOpen(false);
            if (key === 'signOut' || key === 'signOutEverywhere') void leave(key === 'signOutEverywhere');
          },
        }}
      >
        <Button type="text" className="haven-account-button" aria-haspopup="menu" aria-expanded={open}>
          <UserOutlined aria-hidden />
          {/* Narrow phones show only the icon; the name and organisation stay in the button's
              name for screen readers and head the opened menu. */}
          <span className="haven-account-name">{displayName}</span>
          <span className={phone ? 'haven-visually-hidden' : 'haven-account-org'}>{organisationName}</span>
          <DownOutlined aria-hidden className="haven-account-caret" />
        </Button>
      </Dropdown>
      {confirming && (
        <Suspense fallback={null}>
          <SignOutEverywhereDialog onConfirm={() => signOut(true)} onCancel={() => setConfirming(false)} />
        </Suspense>
      )}
      {unsent && (
        <Suspense fallback={null}>
          <UnsentVisitsDialog
            unsent={unsent.count}
            everywhere={unsent.everywhere}
            onConfirm={() => signOut(unsent.everywhere)}
            onCancel={() => setUnsent(null)}
          />
        </Suspense>
      )}
    </>
  );
}
