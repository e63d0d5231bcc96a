import { Modal, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

const keys = [
  ['Ctrl+Enter', 'reports.hotline.keySubmit'],
  ['Alt+1 … Alt+9', 'reports.hotline.keySituation'],
  ['Alt+D', 'reports.hotline.keyDanger'],
  ['Alt+A', 'reports.hotline.keyAnonymous'],
  ['Alt+N', 'reports.hotline.keyNewCall'],
  ['Tab / Shift+Tab', 'reports.hotline.keyTab'],
  ['?', 'reports.hotline.keyHelp'],
] as const;

export function ShortcutHelp({
  open,
  onClose,
  singleKeys,
  onSingleKeys,
}: {
  open: boolean;
  onClose: () => void;
  singleKeys: boolean;
  onSingleKeys: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('reports.hotline.shortcuts')}
      onCancel={onClose}
      footer={null}
      closable={{ 'aria-label': t('common.close') }}
    >
      <table className="haven-shortcut-table">
        <tbody>
          {keys.map(([key, text]) => (
            <tr key={key}>
              <th scope="row" className="haven-shortcut">
                <kbd>{key}</kbd>
              </th>
              <td>{t(text)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="haven-shortcut-switch">
        <Switch checked={singleKeys} onChange={onSingleKeys} /> {t('reports.hotline.singleKeys')}
      </label>
    </Modal>
  );
}
