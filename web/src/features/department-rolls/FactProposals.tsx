import type { FactProposal } from '@contract/department-rolls/rolls.js';
import { useQueryClient } from '@tanstack/react-query';
import type { DecisionAnswer } from '@contract/department-rolls/rolls.js';
import { Button, Card, Checkbox, Input, List, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { useRefreshChild } from '../registry/api/fileApi';
import { useNavigate } from 'react-router';
import { ApplyBenefit } from './ApplyBenefit';
import { MatchTag } from './MatchTag';
import { decideProposal, proposalsKey, useProposals } from './rollsApi';

// Status colours from the theme's tokens: antd's preset gold and green are below 4.5:1 on their tints.
const statusColour = { proposed: 'warning', accepted: 'success', rejected: 'default' } as const;
const needsConfirming = (proposal: FactProposal) =>
  proposal.match.level === 'weak' || proposal.match.level === 'ambiguous';

function useFactText() {
  const { t } = useTranslation();
  return (fact: FactProposal['fact']): string => {
    const unknown = t('rolls.proposals.unknownDate');
    switch (fact.kind) {
      case 'imprisonment':
      case 'drug_rehabilitation':
        return t(`rolls.proposals.fact.${fact.kind}`, {
          relation: t(`registry.relation.${fact.relation}`, { defaultValue: fact.relation }),
          name: fact.memberName,
          since: fact.since ?? unknown,
          until: fact.until ?? unknown,
        });
      case 'household_registration':
        return t('rolls.proposals.fact.household_registration', { code: fact.hukouCode });
      case 'disability':
        return t('rolls.proposals.fact.disability', { grade: fact.grade });
      case 'serious_illness':
        return t('rolls.proposals.fact.serious_illness', { illness: fact.illness });
      case 'school_enrolment':
        return t('rolls.proposals.fact.school_enrolment', { school: fact.school });
      case 'school_dropout':
        return t('rolls.proposals.fact.school_dropout');
      case 'dibao_tekun':
        return t(`rolls.proposals.fact.dibao_tekun_${fact.change}`, {
          assistance: t(`rolls.assistance.${fact.assistance}`),
          on: fact.on ?? unknown,
        });
      case 'death':
        return t('rolls.proposals.fact.death', {
          relation: t(`registry.relation.${fact.relation}`, { defaultValue: fact.relation }),
          name: fact.memberName,
          since: fact.since ?? unknown,
        });
    }
  };
}

/**
 * 部门名单提出的档案变更 on the child's file: each with its source (department, roll, row); a
 * reviewer accepts it (written through the registry at the version shown) or rejects it with a reason.
 */
export function FactProposals({ childId }: { childId: string }) {
  const { t, i18n } = useTranslation();
  const notice = useNotice();
  const { can } = useAuth();
  const allowed = can('rolls.review');
  const proposals = useProposals(childId, allowed);
  const client = useQueryClient();
  const refreshChild = useRefreshChild();
  const factText = useFactText();
  const navigate = useNavigate();
  const [rejecting, setRejecting] = useState<FactProposal | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<FactProposal | null>(null);
  const [sure, setSure] = useState(false);
  const [benefits, setBenefits] = useState<{ proposalId: string; list: DecisionAnswer['benefitsProposed'] } | null>(
    null,
  );
  if (!allowed || !proposals.data || proposals.data.length === 0) return null;

  const decide = async (proposal: FactProposal, accept: boolean) => {
    setBusy(proposal.id);
    try {
      const answer = await decideProposal(
        proposal.id,
        accept
          ? {
              accept: {
                version: proposal.version,
                targetVersion: proposal.targetVersion ?? 1,
                ...(needsConfirming(proposal) ? { matchConfirmed: true } : {}),
              },
            }
          : { reject: { version: proposal.version, reason: reason.trim() } },
      );
      const categories = answer.categoriesProposed.map((code) =>
        t(`registry.category.${code}`, { defaultValue: code }),
      );
      const follows = [
        answer.applicationsOpened.length > 0
          ? t('rolls.proposals.applicationsOpened', {
              numbers: answer.applicationsOpened.map((a) => a.applicationNo).join(t('rolls.listSeparator')),
            })
          : '',
        answer.reviewsOpened.length > 0
          ? t('rolls.proposals.reviewsOpened', {
              numbers: answer.reviewsOpened.map((r) => r.applicationNo).join(t('rolls.listSeparator')),
            })
          : '',
      ].filter(Boolean);
      notice.success(
        [
          !accept
            ? t('rolls.proposals.rejected')
            : categories.length > 0
              ? t(
                  answer.applicationsOpened.length > 0
                    ? 'rolls.proposals.newCategoriesOnly'
                    : 'rolls.proposals.newCategories',
                  {
                    categories: categories.join('、'),
                  },
                )
              : t('rolls.proposals.accepted'),
          ...follows,
        ].join(' '),
      );
      const opened = new Set(answer.applicationsOpened.map((a) => a.benefitType));
      const toApply = answer.benefitsProposed.filter((b) => !opened.has(b.benefitType));
      setRejecting(null);
      setReason('');
      setConfirming(null);
      setSure(false);
      if (accept && toApply.length > 0 && can('benefits.apply'))
        setBenefits({ proposalId: proposal.id, list: toApply });
    } catch (error) {
      notice.error(describeApiError(error, t));
    } finally {
      setBusy(null);
      await Promise.all([client.invalidateQueries({ queryKey: proposalsKey(childId) }), refreshChild(childId)]);
    }
  };

  return (
    <Card size="small" className="haven-form-alert" title={t('rolls.proposals.title')} data-testid="fact-proposals">
      <List
        itemLayout="vertical"
        dataSource={proposals.data}
        renderItem={(proposal) => (
          <List.Item
            actions={
              proposal.status === 'proposed'
                ? [
                    <Button
                      key="accept"
                      type="primary"
                      size="small"
                      loading={busy === proposal.id}
                      onClick={() => (needsConfirming(proposal) ? setConfirming(proposal) : decide(proposal, true))}
                    >
                      {t('rolls.proposals.accept')}
                    </Button>,
                    <Button key="reject" size="small" onClick={() => setRejecting(proposal)}>
                      {t('rolls.proposals.reject')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={statusColour[proposal.status]}>{t(`rolls.proposals.status.${proposal.status}`)}</Tag>
                  <span>{factText(proposal.fact)}</span>
                  <MatchTag match={proposal.match} />
                </Space>
              }
              description={
                <>
                  <div>
                    {t('rolls.proposals.source', {
                      department: t(`rolls.departments.${proposal.source.department}`),
                      fileName: proposal.source.fileName,
                      row: proposal.source.row,
                      asOf: proposal.source.asOf,
                    })}
                  </div>
                  {proposal.decidedBy && proposal.decidedAt && (
                    <div>
                      {t('rolls.proposals.decided', {
                        who: proposal.decidedBy,
                        at: new Date(proposal.decidedAt).toLocaleString(i18n.language),
                      })}
                      {proposal.decisionReason ? ` — ${proposal.decisionReason}` : ''}
                    </div>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={confirming !== null}
        title={t('rolls.proposals.confirmTitle')}
        okText={t('rolls.proposals.accept')}
        okButtonProps={{ disabled: !sure, loading: busy !== null }}
        onOk={() => confirming && decide(confirming, true)}
        onCancel={() => {
          setConfirming(null);
          setSure(false);
        }}
      >
        {confirming && (
          <>
            <p>{factText(confirming.fact)}</p>
            <MatchTag match={confirming.match} />
            <p>{t(`rolls.proposals.confirmWhy.${confirming.match.level === 'ambiguous' ? 'ambiguous' : 'weak'}`)}</p>
            <Checkbox checked={sure} onChange={(event) => setSure(event.target.checked)}>
              {t('rolls.proposals.confirmMatch')}
            </Checkbox>
          </>
        )}
      </Modal>
      {benefits && (
        <ApplyBenefit
          proposalId={benefits.proposalId}
          benefits={benefits.list}
          onClose={(applicationId) => {
            setBenefits(null);
            if (applicationId) {
              notice.success(t('rolls.apply.opened'));
              navigate(`/benefits/${applicationId}`);
            }
          }}
        />
      )}
      <Modal
        open={rejecting !== null}
        title={t('rolls.proposals.reject')}
        okText={t('rolls.proposals.reject')}
        okButtonProps={{ disabled: reason.trim() === '', loading: busy !== null }}
        onOk={() => rejecting && decide(rejecting, false)}
        onCancel={() => setRejecting(null)}
      >
        <Input.TextArea
          aria-label={t('rolls.proposals.rejectReason')}
          placeholder={t('rolls.proposals.rejectReason')}
          value={reason}
          maxLength={500}
          onChange={(event) => setReason(event.target.value)}
        />
      </Modal>
    </Card>
  );
}
