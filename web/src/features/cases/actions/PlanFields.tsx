import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormSelect } from '../../../app/forms/FormSelect';
import { OrganisationSelect } from '../../organisations/OrganisationSelect';
import { goalStatuses } from '@contract/cases/vocabulary.js';
import type { Obj } from '../formValues';
import { codeOptions, DateField, isoDateItem, lines } from './fieldKit';

/** 帮扶计划: goals, each with services, the responsible organisation, a due date and a status; benefit tasks. */
export function PlanFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.List name="goals" initialValue={[{ status: 'planned' }]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <fieldset key={field.key} className="haven-subfields">
                <legend>{t('cases.plan.goalN', { n: index + 1 })}</legend>
                <Form.Item
                  name={[field.name, 'goal']}
                  label={t('cases.plan.goal')}
                  rules={[{ required: true, whitespace: true, message: t('cases.plan.goalRequired') }]}
                >
                  <Input maxLength={300} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'services']}
                  label={t('cases.plan.services')}
                  extra={t('cases.form.onePerLine')}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'responsibleOrgId']}
                  label={t('cases.plan.responsible')}
                  rules={[{ required: true, message: t('cases.plan.responsibleRequired') }]}
                >
                  <OrganisationSelect />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'dueOn']}
                  label={t('cases.plan.dueOn')}
                  rules={[{ required: true, message: t('cases.plan.dueOnRequired') }]}
                  {...isoDateItem}
                >
                  <DateField />
                </Form.Item>
                <Form.Item name={[field.name, 'status']} label={t('cases.plan.status')}>
                  <FormSelect options={codeOptions(t, 'cases.goalStatus', goalStatuses)} />
                </Form.Item>
                {fields.length > 1 && (
                  <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)}>
                    {t('cases.plan.removeGoal', { n: index + 1 })}
                  </Button>
                )}
              </fieldset>
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ status: 'planned' })}
              className="haven-add-row"
            >
              {t('cases.plan.addGoal')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.List name="benefitTasks">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <fieldset key={field.key} className="haven-subfields">
                <legend>{t('cases.plan.benefitN', { n: index + 1 })}</legend>
                <Form.Item
                  name={[field.name, 'benefit']}
                  label={t('cases.plan.benefit')}
                  rules={[{ required: true, whitespace: true, message: t('cases.plan.benefitRequired') }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'responsibleOrgId']}
                  label={t('cases.plan.responsible')}
                  rules={[{ required: true, message: t('cases.plan.responsibleRequired') }]}
                >
                  <OrganisationSelect />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'dueOn']}
                  label={t('cases.plan.dueOn')}
                  rules={[{ required: true, message: t('cases.plan.dueOnRequired') }]}
                  {...isoDateItem}
                >
                  <DateField />
                </Form.Item>
                <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)}>
                  {t('cases.plan.removeBenefit', { n: index + 1 })}
                </Button>
              </fieldset>
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add()} className="haven-add-row">
              {t('cases.plan.addBenefit')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

export function planBody(values: Obj): Obj {
  const goals = Array.isArray(values.goals) ? (values.goals as Obj[]) : [];
  const tasks = Array.isArray(values.benefitTasks) ? (values.benefitTasks as Obj[]) : [];
  return {
    goals: goals.map((goal) => ({
      goal: String(goal.goal ?? '').trim(),
      services: lines(goal.services),
      responsibleOrgId: goal.responsibleOrgId,
      dueOn: goal.dueOn,
      status: goal.status ?? 'planned',
    })),
    benefitTasks: tasks.map((task) => ({
      benefit: String(task.benefit ?? '').trim(),
      responsibleOrgId: task.responsibleOrgId,
      dueOn: task.dueOn,
    })),
  };
}
