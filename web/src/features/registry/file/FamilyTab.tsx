import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, InputNumber, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/format';
import { FormSelect } from '../../../app/forms/FormSelect';
import { situationKinds } from '@contract/registry/vocabulary.js';
import {
  fileCommands,
  situationInput,
  useRefreshChild,
  type ChildFile,
  type FamilyMember,
  type Situation,
} from '../api/fileApi';
import { relationText } from '../labels';
import { ReasonModal } from '../ReasonModal';
import { MemberModal } from './MemberModal';
import { SharedCopiesNotice, useFamilyCopies } from './SharedCopies';

type Dialog =
  | { kind: 'member'; member: FamilyMember | 'new' }
  | { kind: 'remove'; member: FamilyMember }
  | { kind: 'situation'; member: FamilyMember }
  | { kind: 'endSituation'; member: FamilyMember; situation: Situation };

export function SituationLine({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  const dates = [
    situation.since && t('registry.family.sinceDate', { date: formatDate(situation.since, t) }),
    situation.until && t('registry.family.untilDate', { date: formatDate(situation.until, t) }),
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <strong>{t(`registry.situation.${situation.kind}`)}</strong>
      {situation.place && ` · ${situation.place}`}
      {dates && ` · ${dates}`}
      {situation.disabilityGrade && ` · ${t('registry.gradeN', { grade: situation.disabilityGrade })}`}
      {situation.note && <span className="haven-secondary"> · {situation.note}</span>}
    </>
  );
}

/** Parents, guardians, carers and relatives, each with a dated situation; add, change, remove with a reason. */
export function FamilyTab({ file, canEdit, canAdd }: { file: ChildFile; canEdit: boolean; canAdd: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefreshChild();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  // A situation is the person's: the same person on the household siblings' files gets it too.
  const situationMember = dialog?.kind === 'situation' || dialog?.kind === 'endSituation' ? dialog.member.id : null;
  const copies = useFamilyCopies(file.id, situationMember);
  const done = () =>
    Promise.all([
      refresh(file.id),
      ...(copies.data?.siblings ?? []).map((s) => refresh(s.childId)),
      queryClient.invalidateQueries({ queryKey: ['households'] }),
    ]);
  const sharedNotice = <SharedCopiesNotice copies={copies.data} />;

  return (
    <>
      {canAdd && (
        <div className="haven-section-actions haven-no-print">
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setDialog({ kind: 'member', member: 'new' })}
          >
            {t('registry.family.add')}
          </Button>
        </div>
      )}
      {file.family.length === 0 && <Empty description={t('registry.family.none')} />}
      {file.family.map((member) => (
        <Card
          key={member.id}
          size="small"
          className="haven-member"
          title={
            <span className="haven-tags">
              <span>{member.name}</span>
              <Tag>{relationText(t, member.relation)}</Tag>
              {member.isGuardian && <Tag color="processing">{t('registry.family.guardian')}</Tag>}
            </span>
          }
        >
          <p className="haven-card-line">
            {t('registry.phone')}: <span className="haven-code">{member.phone ?? '—'}</span>
            {member.guardianshipCapacity &&
              ` · ${t('registry.family.capacity')}: ${t(`registry.capacity.${member.guardianshipCapacity}`)}`}
          </p>
          {member.situations.length > 0 ? (
            <ul className="haven-situations" aria-label={t('registry.family.situationsOf', { name: member.name })}>
              {member.situations.map((situation) => (
                <li key={situation.id}>
                  <SituationLine situation={situation} />
                  {canEdit && !situation.until && situation.kind !== 'deceased' && situation.kind !== 'present' && (
                    <Button
                      type="link"
                      size="small"
                      className="haven-no-print"
                      onClick={() => setDialog({ kind: 'endSituation', member, situation })}
                      aria-label={t('registry.family.endSituationOf', {
                        name: member.name,
                        situation: t(`registry.situation.${situation.kind}`),
                      })}
                    >
                      {t('registry.family.endSituation')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="haven-secondary">{t('registry.family.noSituation')}</p>
          )}
          {canEdit && (
            <div className="haven-section-actions haven-no-print">
              <Button
                size="small"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => setDialog({ kind: 'situation', member })}
                aria-label={t('registry.family.addSituationOf', { name: member.name })}
              >
                {t('registry.family.addSituation')}
              </Button>
              <Button
                size="small"
                icon={<EditOutlined aria-hidden />}
                onClick={() => setDialog({ kind: 'member', member })}
                aria-label={t('registry.family.editOf', { name: member.name })}
              >
                {t('registry.family.edit')}
              </Button>
              <Button
                size="small"
                danger
                icon={<DeleteOutlined aria-hidden />}
                onClick={() => setDialog({ kind: 'remove', member })}
                aria-label={t('registry.family.removeOf', { name: member.name })}
              >
                {t('registry.family.remove')}
              </Button>
            </div>
          )}
        </Card>
      ))}
      {dialog?.kind === 'member' && (
        <MemberModal
          member={dialog.member}
          masked={file.masked}
          onClose={close}
          onSubmit={async (body) => {
            if (dialog.member === 'new') await fileCommands.addMember(file.id, body);
            else await fileCommands.updateMember(file.id, dialog.member.id, body);
            await done();
          }}
        />
      )}
      <ReasonModal
        open={dialog?.kind === 'remove'}
        danger
        title={dialog?.kind === 'remove' ? t('registry.family.removeTitle', { name: dialog.member.name }) : ''}
        okText={t('registry.family.remove')}
        onClose={close}
        onSubmit={async ({ reason }) => {
          if (dialog?.kind !== 'remove') return;
          await fileCommands.removeMember(file.id, dialog.member.id, { version: dialog.member.version, reason });
          await done();
        }}
      />
      <ReasonModal
        open={dialog?.kind === 'situation'}
        title={dialog?.kind === 'situation' ? t('registry.family.addSituationOf', { name: dialog.member.name }) : ''}
        description={sharedNotice}
        okText={t('common.save')}
        onClose={close}
        onSubmit={async ({ reason, kind, place, since, until, grade }) => {
          if (dialog?.kind !== 'situation') return;
          const day = (value: unknown) => (value as Dayjs | undefined)?.format('YYYY-MM-DD') ?? null;
          const added = {
            kind,
            place: typeof place === 'string' && place.trim() ? place.trim() : null,
            since: day(since),
            until: day(until),
            disabilityGrade: grade ?? null,
          };
          await fileCommands.updateMember(file.id, dialog.member.id, {
            situations: [...dialog.member.situations.map(situationInput), added],
            version: dialog.member.version,
            reason,
            copies: copies.data?.copies,
          });
          await done();
        }}
      >
        <Form.Item
          name="kind"
          label={t('registry.family.situation')}
          rules={[{ required: true, message: t('registry.family.situationRequired') }]}
        >
          <FormSelect
            options={situationKinds.map((code) => ({ value: code, label: t(`registry.situation.${code}`) }))}
          />
        </Form.Item>
        <Form.Item name="place" label={t('registry.family.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="since" label={t('registry.family.since')}>
          <DatePicker className="haven-full-width" placeholder={t('registry.form.datePlaceholder')} />
        </Form.Item>
        <Form.Item name="until" label={t('registry.family.until')}>
          <DatePicker className="haven-full-width" placeholder={t('registry.form.datePlaceholder')} />
        </Form.Item>
        <Form.Item name="grade" label={t('registry.field.disabilityGrade')}>
          <InputNumber min={1} max={4} precision={0} />
        </Form.Item>
      </ReasonModal>
      <ReasonModal
        open={dialog?.kind === 'endSituation'}
        title={
          dialog?.kind === 'endSituation'
            ? t('registry.family.endSituationOf', {
                name: dialog.member.name,
                situation: t(`registry.situation.${dialog.situation.kind}`),
              })
            : ''
        }
        description={sharedNotice}
        okText={t('common.save')}
        onClose={close}
        onSubmit={async ({ reason, until }) => {
          if (dialog?.kind !== 'endSituation') return;
          const ended = dialog.situation.id;
          const situations = dialog.member.situations.map((situation) =>
            situation.id === ended
              ? { ...situationInput(situation), until: (until as Dayjs).format('YYYY-MM-DD') }
              : situationInput(situation),
          );
          await fileCommands.updateMember(file.id, dialog.member.id, {
            situations,
            version: dialog.member.version,
            reason,
            copies: copies.data?.copies,
          });
          await done();
        }}
      >
        <Form.Item
          name="until"
          label={t('registry.family.until')}
          rules={[{ required: true, message: t('registry.family.untilRequired') }]}
        >
          <DatePicker className="haven-full-width" placeholder={t('registry.form.datePlaceholder')} />
        </Form.Item>
      </ReasonModal>
    </>
  );
}
